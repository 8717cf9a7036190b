package dev.dealroom.room;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Whose logo: the prospect's (the buyer) or the seller's company. */
public enum LogoSide {
    BUYER, SELLER;

    /** The path segment: {@code buyer} or {@code seller}. */
    public String path() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<LogoSide> ofPath(String segment) {
        return Arrays.stream(values()).filter(side -> side.path().equals(segment)).findFirst();
    }
}
