/**
 * A runnable demonstration: {@link io.strangler.examples.MigrationDemo} migrates a CV analyzer from a legacy to a
 * modern implementation with Strangler, on the embedded defaults, and prints a report.
 */
package io.strangler.examples;
