package dev.dealroom.common;

import java.util.Optional;

import dev.dealroom.common.i18n.Text;

/**
 * What a person's text may contain, decided once for every field, path segment, query parameter and socket
 * message. Text reaches logs, emails, PostgreSQL (which refuses NUL and stores a lone surrogate as {@code ?}) and
 * other people's screens, so it holds only characters that mean the same thing in all of them:
 * <ul>
 * <li>no control characters (C0, DEL, C1), except a line feed and a tab in multi-line bodies;</li>
 * <li>no line or paragraph separators in single-line text;</li>
 * <li>no bidirectional overrides or isolates in single-line text (names, titles, file names), where they make
 * {@code invoice\u202Efdp.exe} read as "invoiceexe.pdf"; bodies keep them, since right-to-left writing uses them;</li>
 * <li>no half of a surrogate pair: what is acknowledged must be what is stored.</li>
 * </ul>
 */
public final class Texts {

    /** How much of a line structure a piece of text may have. */
    public enum Lines {
        /** Names, titles, ids, file names: one line, no direction overrides. */
        SINGLE,
        /** Bodies, descriptions, comments: line feeds and tabs allowed. */
        MULTI
    }

    private Texts() {
    }

    /**
     * Why the text may not be stored, or empty when it may: a sentence for the person who sent it, in their language
     * once rendered.
     */
    public static Optional<Text> problem(CharSequence text, Lines lines) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of(Text.of("text.half-surrogate"));
            } else if (lines == Lines.MULTI && (c == '\n' || c == '\t')) {
                continue;
            } else if (Character.isISOControl(c)) {
                return Optional.of(lines == Lines.SINGLE && (c == '\n' || c == '\r')
                        ? Text.of("text.one-line")
                        : Text.of("text.control-character", "codePoint", "U+%04X".formatted((int) c)));
            } else if (c == '\u2028' || c == '\u2029') {
                return Optional.of(lines == Lines.SINGLE ? Text.of("text.one-line")
                        : Text.of("text.line-separator"));
            } else if (lines == Lines.SINGLE && isDirectionControl(c)) {
                return Optional.of(Text.of("text.direction-control", "codePoint", "U+%04X".formatted((int) c)));
            }
        }
        return Optional.empty();
    }

    /**
     * Text that arrives from elsewhere and cannot be sent back (a name in an identity provider's token, a room name
     * stored before these rules), made single-line: line breaks become spaces, and what the rules refuse is dropped.
     */
    public static String toSingleLine(String text) {
        StringBuilder line = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                line.append(c).append(text.charAt(++i));
            } else if (c == '\n' || c == '\r' || c == '\t' || c == '\u2028' || c == '\u2029') {
                line.append(' ');
            } else if (!Character.isISOControl(c) && !Character.isSurrogate(c) && !isDirectionControl(c)) {
                line.append(c);
            }
        }
        return line.toString();
    }

    /** True when the text shows at least one visible character: not only spaces and zero-width characters. */
    public static boolean rendersSomething(CharSequence text) {
        return text.codePoints().anyMatch(Texts::isVisible);
    }

    private static boolean isDirectionControl(char c) {
        return c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069';
    }

    private static boolean isVisible(int codePoint) {
        if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)
                || Character.isISOControl(codePoint)) {
            return false;
        }
        return switch (Character.getType(codePoint)) {
            // zero-width spaces and joiners, direction marks, soft hyphen, byte order mark, invisible operators
            // variation selectors and combining marks with nothing to combine with
            case Character.FORMAT, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.SURROGATE -> false;
            // Hangul fillers and the blank Braille pattern: letters and symbols that fonts draw as nothing
            default -> codePoint != 0x115F && codePoint != 0x1160 && codePoint != 0x3164 && codePoint != 0xFFA0
                    && codePoint != 0x2800;
        };
    }
}
