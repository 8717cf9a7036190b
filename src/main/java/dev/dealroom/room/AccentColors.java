package dev.dealroom.room;

import java.util.Locale;

/**
 * The rule for a room's accent colour: the page writes white text on it (buttons, the header band), so white
 * must read on it at WCAG AA's 4.5:1 for normal text.
 */
final class AccentColors {

    /** Field code of a colour too light for white text. */
    static final String LOW_CONTRAST = "low-contrast";

    static final double MINIMUM_CONTRAST = 4.5;

    private AccentColors() {
    }

    /** The colour in the one spelling stored: {@code #rrggbb}, lower case. */
    static String normalise(String color) {
        return color.toLowerCase(Locale.ROOT);
    }

    /** The contrast ratio of white text on {@code #rrggbb}, from 1 (white) to 21 (black). */
    static double contrastWithWhite(String color) {
        int rgb = Integer.parseInt(color.substring(1), 16);
        double luminance = 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
        return 1.05 / (luminance + 0.05);
    }

    private static double channel(int value) {
        double c = (value & 0xff) / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
