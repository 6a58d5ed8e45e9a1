package io.strangler.core.health;

import java.util.Locale;

/** Numbers as the explanations of judgements print them, the same in every locale. */
final class Readable {

    private Readable() {
    }

    /**
     * A fraction as a percentage: "14.3%"; two decimals below 1 % ("0.27%"); "n/a" for NaN.
     *
     * @return a fraction as a percentage: "14.3%"; two decimals below 1 % ("0.27%"); "n/a" for NaN
     */
    static String percent(double fraction) {
        if (Double.isNaN(fraction)) {
            return "n/a";
        }
        double percent = fraction * 100;
        String pattern = percent != 0 && Math.abs(percent) < 1 ? "%.2f%%" : "%.1f%%";
        return String.format(Locale.ROOT, pattern, percent);
    }

    /**
     * A signed difference of fractions in percentage points: "+15.1 points".
     *
     * @return a signed difference of fractions in percentage points: "+15.1 points"
     */
    static String points(double difference) {
        return String.format(Locale.ROOT, "%+.1f points", difference * 100);
    }

    /**
     * A ratio: "2.0x".
     *
     * @return a ratio: "2.0x"
     */
    static String ratio(double ratio) {
        return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.1fx", ratio);
    }

    /**
     * A latency in milliseconds with three significant digits or more: "0.450 ms", "12.3 ms", "1500 ms".
     *
     * @return a latency in milliseconds with three significant digits or more: "0.450 ms", "12.3 ms", "1500 ms"
     */
    static String millis(long nanos) {
        double ms = nanos / 1e6;
        String pattern = ms >= 100 ? "%.0f ms" : ms >= 10 ? "%.1f ms" : ms >= 1 ? "%.2f ms" : "%.3f ms";
        return String.format(Locale.ROOT, pattern, ms);
    }

    /**
     * "1 call", "30 calls".
     *
     * @return "1 call", "30 calls"
     */
    static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
