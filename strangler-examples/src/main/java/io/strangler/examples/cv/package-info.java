/**
 * The services of a CV platform that the demo migrates from the monolith to modules, one route each: per service an
 * interface (the seam the router sits on), the monolith's implementation ({@code Legacy*}, or
 * {@link io.strangler.examples.cv.KeywordCvAnalyzer}) and the module's ({@code Modern*}, or
 * {@link io.strangler.examples.cv.TokenCvAnalyzer}), with the values they exchange. The stateful services keep their
 * data in {@link io.strangler.examples.cv.KeyedStore}s, one per side. Plain business logic: nothing here knows of the
 * simulation that drives it.
 */
@NullMarked
package io.strangler.examples.cv;

import org.jspecify.annotations.NullMarked;
