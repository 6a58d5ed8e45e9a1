package io.strangler.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StripesTest {

    @Test
    void threadsGetTheStripesInTurnWhateverTheirIds() throws InterruptedException {
        Set<Integer> stripes = new HashSet<>();
        for (int t = 0; t < Stripes.COUNT; t++) {
            int[] stripe = new int[1];
            Thread thread = new Thread(() -> stripe[0] = Stripes.current());
            thread.start();
            thread.join();
            stripes.add(stripe[0]);
        }
        assertThat(stripes).as("one stripe each for as many threads as there are stripes").hasSize(Stripes.COUNT);
    }

    @Test
    void aThreadThatMovesAwayKeepsItsNewStripe() {
        int before = Stripes.current();
        int after = Stripes.moveAway();
        assertThat(after).isBetween(0, Stripes.COUNT - 1);
        if (Stripes.COUNT > 1) {
            assertThat(after).isNotEqualTo(before);
        }
        assertThat(Stripes.current()).isEqualTo(after);
    }
}
