package dev.dealroom.common.error;

import org.jboss.logging.Logger;

/**
 * The log of requests refused for their form rather than their content: a malformed header or body, or one over
 * a size limit. Each refusal is one line, never a stack trace, so that junk sent in a loop cannot fill the disk
 * faster than the requests themselves; what the client sent is quoted with its control characters escaped and
 * cut short, so that it cannot forge log lines either. Its category can be turned down like any other
 * ({@code quarkus.log.category."dev.dealroom.common.error.RefusalLog".level=WARN}).
 */
public final class RefusalLog {

    private static final Logger LOG = Logger.getLogger(RefusalLog.class);
    private static final int QUOTE_LIMIT = 200;

    private RefusalLog() {
    }

    /** One line: what was asked, what was answered and why. */
    public static void refused(String method, String path, ProblemCode code, String reason) {
        LOG.infof("Refused %s %s: %d %s (%s)", quote(method), quote(path), code.status(), code.code(),
                quote(reason));
    }

    /** A client's text made safe for one log line. */
    static String quote(String text) {
        if (text == null) {
            return "-";
        }
        StringBuilder quoted = new StringBuilder();
        int end = Math.min(text.length(), QUOTE_LIMIT);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c >= 0x80 && c < 0xa0
                    || c >= 0x2028 && c <= 0x202e || c >= 0x2066 && c <= 0x2069) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        if (text.length() > QUOTE_LIMIT) {
            quoted.append("… (").append(text.length()).append(" characters)");
        }
        return quoted.toString();
    }
}
