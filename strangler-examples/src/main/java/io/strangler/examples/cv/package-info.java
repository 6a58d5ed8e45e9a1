/** The service being migrated in the demo: a CV analyzer with a legacy and a modern implementation. */
package io.strangler.examples.cv;
