package io.strangler.spring;

import io.strangler.core.rollout.RolloutController;

/**
 * Changes the rollout controller's builder before it is built, after the properties are applied: custom (business)
 * triggers, pre-migration checks, escalation, a fleet store. Every bean of this type is applied, in order.
 *
 * <pre>{@code
 * @Bean
 * StranglerRolloutCustomizer checkoutTrigger() {
 *     return controller -> controller.triggers("checkout", TriggerSettings.custom()
 *             .custom(CustomTrigger.rate("checkout-success").failsBelow(0.95).build()).build());
 * }
 * }</pre>
 */
@FunctionalInterface
public interface StranglerRolloutCustomizer {

    /**
     * Changes the controller's builder.
     *
     * @param controller the builder, with Strangler's properties applied
     */
    void customize(RolloutController.Builder controller);
}
