package io.strangler.core.shadow.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * The text form of paths and path patterns: {@code $} for the root, {@code .name} for a property or a map key made
 * of letters, digits, {@code _} and {@code -}, {@code ['any key']} for any other map key (with {@code \'} and
 * {@code \\} escaped), {@code [3]} for an index, {@code [*]} for any index, {@code *} for any one segment and
 * {@code **} for any number of segments.
 */
final class PathSyntax {

    /** What a token of a path or pattern stands for. */
    enum TokenType {
        /** A property or map key, literally. */
        NAME,
        /** An index, literally. */
        INDEX,
        /** {@code [*]}: any index, or an element of an unordered collection. */
        ANY_INDEX,
        /** {@code *}: any one segment. */
        ANY_ONE,
        /** {@code **}: any number of segments, none included. */
        ANY_MANY
    }

    /**
     * One segment of a path or pattern.
     *
     * @param type what it stands for
     * @param name the name of a {@link TokenType#NAME}, else {@code null}
     * @param index the index of an {@link TokenType#INDEX}, else -1
     */
    record Token(TokenType type, String name, int index) {
    }

    private PathSyntax() {
    }

    /**
     * Splits a path or pattern into tokens.
     *
     * @param text the text
     * @param what what the text is, for error messages: "path" or "path pattern"
     * @return the tokens after the leading {@code $}
     * @throws IllegalArgumentException naming the text if it is not well formed
     */
    static List<Token> tokenize(String text, String what) {
        if (text.isEmpty() || text.charAt(0) != '$') {
            throw bad(what, text, "must start with '$'", 0);
        }
        List<Token> tokens = new ArrayList<>();
        int i = 1;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '.') {
                i++;
                if (i < n && text.charAt(i) == '*') {
                    boolean many = i + 1 < n && text.charAt(i + 1) == '*';
                    tokens.add(new Token(many ? TokenType.ANY_MANY : TokenType.ANY_ONE, null, -1));
                    i += many ? 2 : 1;
                    if (i < n && text.charAt(i) != '.' && text.charAt(i) != '[') {
                        throw bad(what, text, "'*' and '**' must be whole segments", i);
                    }
                } else {
                    int start = i;
                    while (i < n && isNameChar(text.charAt(i))) {
                        i++;
                    }
                    if (start == i) {
                        throw bad(what, text, "expected a name (letters, digits, '_', '-') or ['quoted key']", i);
                    }
                    tokens.add(new Token(TokenType.NAME, text.substring(start, i), -1));
                }
            } else if (c == '[') {
                i = bracket(text, what, i + 1, tokens);
            } else {
                throw bad(what, text, "unexpected '" + c + "'", i);
            }
        }
        return tokens;
    }

    /** Reads what follows a '[' at {@code i}; returns the position after the closing ']'. */
    private static int bracket(String text, String what, int i, List<Token> tokens) {
        int n = text.length();
        if (i >= n) {
            throw bad(what, text, "unclosed '['", i);
        }
        char c = text.charAt(i);
        int end;
        if (c == '*') {
            tokens.add(new Token(TokenType.ANY_INDEX, null, -1));
            end = i + 1;
        } else if (c == '\'') {
            StringBuilder name = new StringBuilder();
            int j = i + 1;
            while (j < n && text.charAt(j) != '\'') {
                char k = text.charAt(j);
                if (k == '\\') {
                    if (j + 1 >= n || (text.charAt(j + 1) != '\'' && text.charAt(j + 1) != '\\')) {
                        throw bad(what, text, "only \\' and \\\\ may be escaped", j);
                    }
                    j++;
                    k = text.charAt(j);
                }
                name.append(k);
                j++;
            }
            if (j >= n) {
                throw bad(what, text, "unclosed quote", i);
            }
            tokens.add(new Token(TokenType.NAME, name.toString(), -1));
            end = j + 1;
        } else if (c >= '0' && c <= '9') {
            int j = i;
            while (j < n && text.charAt(j) >= '0' && text.charAt(j) <= '9') {
                j++;
            }
            int index;
            try {
                index = Integer.parseInt(text.substring(i, j));
            } catch (NumberFormatException e) {
                throw bad(what, text, "index too large", i);
            }
            tokens.add(new Token(TokenType.INDEX, null, index));
            end = j;
        } else {
            throw bad(what, text, "expected an index, '*' or a 'quoted key' after '['", i);
        }
        if (end >= n || text.charAt(end) != ']') {
            throw bad(what, text, "expected ']'", end);
        }
        return end + 1;
    }

    /**
     * Whether it can be written as {@code .name} rather than {@code ['name']}.
     *
     * @param name a property or map key
     * @return whether it can be written as {@code .name} rather than {@code ['name']}
     */
    static boolean isPlainName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isNameChar(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Appends a name segment: {@code .name} when plain, else {@code ['name']} with quote and backslash escaped.
     *
     * @param out where to append
     * @param name the property or map key
     */
    static void appendName(StringBuilder out, String name) {
        if (isPlainName(name)) {
            out.append('.').append(name);
            return;
        }
        out.append("['");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\'' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append("']");
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    private static IllegalArgumentException bad(String what, String text, String problem, int position) {
        return new IllegalArgumentException(
                "Invalid " + what + " '" + text + "': " + problem + " at position " + position);
    }
}
