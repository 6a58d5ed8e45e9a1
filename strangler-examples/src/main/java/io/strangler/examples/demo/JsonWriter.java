package io.strangler.examples.demo;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes maps, collections, strings, numbers, booleans and nulls as indented JSON, for a summary people read and
 * tools parse. Doubles that are not finite are written as {@code null}, as JSON has no NaN.
 */
final class JsonWriter {

    private JsonWriter() {
    }

    /**
     * The value as indented JSON.
     *
     * @param value a {@code Map} with string keys, a {@code Collection}, a {@code CharSequence}, a {@code Number}, a
     *     {@code Boolean}, an enum (written as its name) or null
     * @return the JSON text, ending with a line break
     */
    static String write(Object value) {
        StringBuilder out = new StringBuilder(4096);
        write(out, value, 0);
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?> map) {
            writeEntries(out, map.entrySet().iterator(), depth, '{', '}', true);
        } else if (value instanceof Collection<?> list) {
            writeEntries(out, list.iterator(), depth, '[', ']', false);
        } else if (value instanceof Double d) {
            out.append(Double.isFinite(d) ? d.toString() : "null");
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Enum<?> e) {
            string(out, e.name());
        } else {
            string(out, value.toString());
        }
    }

    private static void writeEntries(StringBuilder out, Iterator<?> items, int depth, char open, char close,
            boolean keyed) {
        out.append(open);
        if (!items.hasNext()) {
            out.append(close);
            return;
        }
        boolean first = true;
        while (items.hasNext()) {
            Object item = items.next();
            out.append(first ? "\n" : ",\n");
            first = false;
            indent(out, depth + 1);
            if (keyed) {
                Map.Entry<?, ?> e = (Map.Entry<?, ?>) item;
                string(out, String.valueOf(e.getKey()));
                out.append(": ");
                write(out, e.getValue(), depth + 1);
            } else {
                write(out, item, depth + 1);
            }
        }
        out.append('\n');
        indent(out, depth);
        out.append(close);
    }

    private static void indent(StringBuilder out, int depth) {
        out.append("  ".repeat(depth));
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
