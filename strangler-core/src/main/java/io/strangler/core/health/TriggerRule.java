package io.strangler.core.health;

import io.strangler.api.health.Judgement;
import io.strangler.api.health.TriggerSettings.Trigger;

/** The rule of one trigger: a pure function of a window, the trigger's settings and the confidence. */
interface TriggerRule {

    /**
     * The judgement, never null.
     *
     * @param window the window to judge
     * @param trigger the trigger's settings
     * @param confidence the one-sided confidence of every bound
     * @return the judgement, never null
     */
    Judgement judge(HealthWindow window, Trigger trigger, Confidence confidence);
}
