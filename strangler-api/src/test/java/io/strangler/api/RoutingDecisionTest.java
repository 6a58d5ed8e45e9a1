package io.strangler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.RoutingDecision.Reason;
import org.junit.jupiter.api.Test;

/** A routing decision names its route, side and reason; a keyless call's decision has no key and no bucket. */
class RoutingDecisionTest {

    @Test
    void theRouteTheSideAndTheReasonAreRequiredNamingThem() {
        assertThatThrownBy(() -> new RoutingDecision(null, "k", Side.MODERN, Reason.IN_ROLLOUT, 12, 3))
                .isInstanceOf(NullPointerException.class).hasMessage("route");
        assertThatThrownBy(() -> new RoutingDecision("r", "k", null, Reason.IN_ROLLOUT, 12, 3))
                .isInstanceOf(NullPointerException.class).hasMessage("side");
        assertThatThrownBy(() -> new RoutingDecision("r", "k", Side.MODERN, null, 12, 3))
                .isInstanceOf(NullPointerException.class).hasMessage("reason");
    }

    @Test
    void aKeylessDecisionHasNoKeyAndNoBucket() {
        RoutingDecision decision = new RoutingDecision("r", null, Side.LEGACY, Reason.NO_KEY, -1, 0);

        assertThat(decision.key()).isNull();
        assertThat(decision.bucket()).isEqualTo(-1);
    }
}
