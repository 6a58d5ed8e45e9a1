package io.strangler.core.shadow.compare;

import io.strangler.api.compare.Difference;
import io.strangler.api.compare.DifferenceKind;
import io.strangler.api.compare.ResultComparator;
import java.util.List;
import java.util.Objects;

/** {@link StructuralComparator#equality()}: one VALUE difference at {@code $} unless {@code Objects.equals}. */
final class EqualityComparator implements ResultComparator {

    /** The shared instance. */
    static final EqualityComparator INSTANCE = new EqualityComparator();

    private final Summarizer summarizer = new Summarizer(StructuralComparator.DEFAULT_SUMMARY_LENGTH);

    private EqualityComparator() {
    }

    @Override
    public List<Difference> compare(Object legacy, Object modern) {
        if (Objects.equals(legacy, modern)) {
            return List.of();
        }
        return List.of(new Difference("$", DifferenceKind.VALUE, summarizer.summarize(legacy),
                summarizer.summarize(modern)));
    }

    @Override
    public String toString() {
        return "StructuralComparator.equality()";
    }
}
