package dev.dealroom.common;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.MediaType;

import dev.dealroom.common.error.ProblemCode;
import dev.dealroom.common.i18n.Text;

/**
 * Reads a {@code Content-Type} header value strictly, by the grammar of RFC 9110 (section 8.3.1): {@code type "/"
 * subtype *( OWS ";" OWS [ name "=" ( token / quoted-string ) ] )}. The framework's own parser is lenient in some
 * places ({@code application/json; charset} passes) and throws in others ({@code ;;;}, {@code /}), so the server
 * checks every header itself before anything else reads it. A multipart type must also carry a boundary that
 * RFC 2046 allows, and a {@code charset} must name one this JVM can decode: the multipart parser uses both as
 * they come.
 */
public final class ContentTypes {

    /** The longest boundary RFC 2046 allows. */
    private static final int MAX_BOUNDARY = 70;

    private ContentTypes() {
    }

    /** Why a header value is refused: its problem code and a sentence for the client. */
    public record Refusal(ProblemCode code, Text detail) {
    }

    /** Empty if {@code value} is a media type this server can read; otherwise why not. */
    public static Optional<Refusal> check(String value) {
        Parser parser = new Parser(value);
        Map<String, String> parameters;
        String type;
        try {
            type = parser.mediaType();
            parameters = parser.parameters();
        } catch (IllegalArgumentException malformed) {
            return Optional.of(new Refusal(ProblemCode.MALFORMED_CONTENT_TYPE,
                    Text.of("detail.content-type-syntax", "reason", malformed.getMessage())));
        }
        try {
            // whatever passes here, the framework must be able to read as well
            MediaType.valueOf(value);
        } catch (IllegalArgumentException unreadable) {
            return Optional.of(new Refusal(ProblemCode.MALFORMED_CONTENT_TYPE, Text.of("detail.content-type-unreadable")));
        }
        String charset = parameters.get("charset");
        if (charset != null && !supported(charset)) {
            return Optional.of(new Refusal(ProblemCode.UNSUPPORTED_MEDIA_TYPE, Text.of("detail.unknown-charset")));
        }
        if (type.startsWith("multipart/")) {
            String boundary = parameters.get("boundary");
            if (boundary == null || !validBoundary(boundary)) {
                return Optional.of(new Refusal(ProblemCode.MALFORMED_MULTIPART,
                        Text.of("detail.multipart-boundary", "max", MAX_BOUNDARY)));
            }
        }
        return Optional.empty();
    }

    private static boolean supported(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }

    /** RFC 2046: 1 to 70 of {@code bcharsnospace} or space, not ending with a space. */
    private static boolean validBoundary(String boundary) {
        if (boundary.isEmpty() || boundary.length() > MAX_BOUNDARY || boundary.endsWith(" ")) {
            return false;
        }
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            if (!(isAlphaNumeric(c) || "'()+_,-./:=? ".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlphaNumeric(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** RFC 9110 {@code tchar}. */
    private static boolean isTokenChar(char c) {
        return isAlphaNumeric(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** A single pass over the value; every method throws {@link IllegalArgumentException} at the first fault. */
    private static final class Parser {

        private final String value;
        private int at;

        Parser(String value) {
            this.value = value;
        }

        String mediaType() {
            skipWhitespace();
            String type = token("type");
            expect('/', "A media type is type/subtype");
            String subtype = token("subtype");
            return (type + "/" + subtype).toLowerCase(Locale.ROOT);
        }

        Map<String, String> parameters() {
            Map<String, String> parameters = new LinkedHashMap<>();
            while (true) {
                skipWhitespace();
                if (at == value.length()) {
                    return parameters;
                }
                expect(';', "Parameters are separated by ';'");
                skipWhitespace();
                if (at == value.length() || value.charAt(at) == ';') {
                    continue; // an empty parameter, which the grammar allows
                }
                String name = token("parameter name").toLowerCase(Locale.ROOT);
                expect('=', "A parameter is name=value");
                String parameterValue = at < value.length() && value.charAt(at) == '"' ? quoted()
                        : token("parameter value");
                if (parameters.putIfAbsent(name, parameterValue) != null) {
                    throw new IllegalArgumentException("The parameter " + name + " is repeated");
                }
            }
        }

        private String token(String what) {
            int start = at;
            while (at < value.length() && isTokenChar(value.charAt(at))) {
                at++;
            }
            if (at == start) {
                throw new IllegalArgumentException("The " + what + " is missing or has a character not allowed");
            }
            return value.substring(start, at);
        }

        private String quoted() {
            StringBuilder text = new StringBuilder();
            at++; // the opening quote
            while (at < value.length()) {
                char c = value.charAt(at++);
                if (c == '"') {
                    return text.toString();
                }
                if (c == '\\' && at < value.length()) {
                    c = value.charAt(at++);
                }
                if (c != '\t' && (c < 0x20 || c == 0x7f)) {
                    break;
                }
                text.append(c);
            }
            throw new IllegalArgumentException("A quoted parameter value is not closed or has a control character");
        }

        private void expect(char c, String message) {
            if (at >= value.length() || value.charAt(at) != c) {
                throw new IllegalArgumentException(message);
            }
            at++;
        }

        private void skipWhitespace() {
            while (at < value.length() && (value.charAt(at) == ' ' || value.charAt(at) == '\t')) {
                at++;
            }
        }
    }
}
