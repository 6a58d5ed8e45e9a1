package io.strangler.examples.demo;

import java.time.Duration;
import java.util.Locale;

/** How the demo writes times, shares and bars for people. */
final class Texts {

    private Texts() {
    }

    /** Virtual time since the start: {@code +06:02:15}, or {@code +1d 02:03:04} past a day. */
    static String elapsed(Duration d) {
        long s = d.getSeconds();
        String hms = String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600 % 24, s / 60 % 60, s % 60);
        return s >= 86_400 ? "+" + s / 86_400 + "d " + hms : "+" + hms;
    }

    /** A duration in words: {@code 2 h 31 min}, {@code 4 min 15 s}. */
    static String duration(Duration d) {
        long s = d.getSeconds();
        if (s >= 3600) {
            return s / 3600 + " h " + s / 60 % 60 + " min";
        }
        return s >= 60 ? s / 60 + " min " + s % 60 + " s" : s + " s";
    }

    /** A number without needless decimals: {@code 3000}, {@code 2.5}. */
    static String number(double n) {
        return n == Math.rint(n) ? String.format(Locale.ROOT, "%.0f", n) : String.format(Locale.ROOT, "%s", n);
    }

    /** A share as a percentage: {@code 12.5 %}; {@code -} for NaN. */
    static String percent(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    /** A percentage as a bar of {@code width} cells: {@code [#####.....]}. */
    static String bar(double percentage, int width) {
        int full = (int) Math.round(percentage / 100 * width);
        return "[" + "#".repeat(full) + ".".repeat(width - full) + "]";
    }

    /** {@code text} cut to {@code width} characters, with an ellipsis when cut. */
    static String fit(String text, int width) {
        return text.length() <= width ? text : text.substring(0, Math.max(0, width - 3)) + "...";
    }
}
