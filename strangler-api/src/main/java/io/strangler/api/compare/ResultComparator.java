package io.strangler.api.compare;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Compares the legacy and the modern result of one shadowed call. An empty list means the results match.
 *
 * <p>Implementations must be thread-safe: the router shares one instance between all calls of a route and calls it
 * off the caller's thread, from many threads at once. They must accept {@code null} on either side. An exception
 * thrown here is caught by the router and counted as a comparison error; it never reaches the caller.
 *
 * <pre>{@code
 * ResultComparator sameTotal = (legacy, modern) -> Objects.equals(total(legacy), total(modern))
 *         ? List.of()
 *         : List.of(new Difference("$.total", DifferenceKind.VALUE, total(legacy), total(modern)));
 * }</pre>
 *
 * <p>{@code io.strangler.core.shadow.compare.StructuralComparator} in {@code strangler-core} is the structural
 * implementation, with paths, ignore rules and normalisers.
 */
@FunctionalInterface
public interface ResultComparator {

    /**
     * Compares two results.
     *
     * @param legacy the legacy result, may be {@code null}
     * @param modern the modern result, may be {@code null}
     * @return the differences, empty when the results match; never {@code null}
     */
    List<Difference> compare(@Nullable Object legacy, @Nullable Object modern);
}
