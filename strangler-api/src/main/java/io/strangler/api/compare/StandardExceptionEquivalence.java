package io.strangler.api.compare;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The equivalences {@link ExceptionEquivalence} hands out. */
enum StandardExceptionEquivalence implements ExceptionEquivalence {

    SAME_TYPE_AND_MESSAGE {
        @Override
        public boolean equivalent(@Nullable Throwable legacy, @Nullable Throwable modern) {
            return SAME_TYPE.equivalent(legacy, modern)
                    && (legacy == null || Objects.equals(legacy.getMessage(), modern.getMessage()));
        }

        @Override
        public String toString() {
            return "ExceptionEquivalence.sameTypeAndMessage()";
        }
    },

    SAME_TYPE {
        @Override
        public boolean equivalent(@Nullable Throwable legacy, @Nullable Throwable modern) {
            if (legacy == null || modern == null) {
                return legacy == modern;
            }
            return legacy.getClass() == modern.getClass();
        }

        @Override
        public String toString() {
            return "ExceptionEquivalence.sameType()";
        }
    }
}
