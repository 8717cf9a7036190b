import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An example receiver of Deal Room webhooks, in one file and the JDK alone: it verifies each delivery's Standard
 * Webhooks signature, drops a {@code webhook-id} it has already processed (deliveries are at least once), and mirrors
 * the deal's milestones into a CRM-shaped CSV file, one line per change: milestone tasks, decided sign-offs and the
 * room's stage.
 *
 * <pre>
 * WEBHOOK_SECRET=whsec_… PORT=8090 CSV=crm-milestones.csv java WebhookReceiver.java
 * </pre>
 */
public class WebhookReceiver {

    static final String HEADER = "received_at,webhook_id,room_id,seq,event_type,kind,title,status,due_date";
    /** A delivery signed longer ago (or later) than this is refused: a replayed request, or a wrong clock. */
    static final long TOLERANCE_SECONDS = 5 * 60;

    public static void main(String[] args) throws IOException {
        String secret = System.getenv("WEBHOOK_SECRET");
        if (secret == null || !secret.startsWith("whsec_")) {
            throw new IllegalArgumentException("Set WEBHOOK_SECRET to the secret the subscription was created with");
        }
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8090"));
        Path csv = Path.of(System.getenv().getOrDefault("CSV", "crm-milestones.csv"));
        if (!Files.exists(csv)) {
            Files.writeString(csv, HEADER + "\n");
        }
        Set<String> seen = new HashSet<>();
        Files.readAllLines(csv).stream().skip(1).map(line -> line.split(",", 3)[1]).forEach(seen::add);

        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                handle(exchange, secret, csv, seen);
            } catch (RuntimeException | IOException e) {
                e.printStackTrace(); // the sender gets no answer, and tries again later
                throw e;
            }
        });
        server.start();
        System.out.println("Listening on port " + server.getAddress().getPort() + ", writing " + csv);
    }

    private static synchronized void handle(HttpExchange exchange, String secret, Path csv, Set<String> seen)
            throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.sendResponseHeaders(405, -1);
            return;
        }
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
        }
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
        if (!verify(secret, id, timestamp, body, signature, Instant.now().getEpochSecond())) {
            exchange.sendResponseHeaders(401, -1);
            return;
        }
        if (seen.add(id)) {
            Map<?, ?> event = (Map<?, ?>) new Json(body).value();
            String row = milestone(id, event);
            if (row != null) {
                Files.writeString(csv, row + "\n", StandardOpenOption.APPEND);
            }
        }
        exchange.sendResponseHeaders(204, -1);
    }

    /**
     * Whether a delivery is genuine: {@code signatures} (space-separated {@code v1,<base64>}, one per secret the
     * sender holds) holds the HMAC-SHA256 of {@code id.timestamp.body} keyed with the secret's bytes, and the
     * timestamp is within five minutes of {@code now}.
     */
    static boolean verify(String secret, String id, String timestamp, String body, String signatures, long now) {
        if (id == null || timestamp == null || signatures == null) {
            return false;
        }
        try {
            if (Math.abs(now - Long.parseLong(timestamp)) > TOLERANCE_SECONDS) {
                return false;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (String candidate : signatures.split(" ")) {
                if (candidate.startsWith("v1,") && MessageDigest.isEqual(expected, decode(candidate.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (NumberFormatException | GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    /** The CSV line of an event that moves the deal, or null for the others; a missing field is an empty cell. */
    static String milestone(String id, Map<?, ?> event) {
        String type = String.valueOf(event.get("type"));
        Map<?, ?> data = event.get("data") instanceof Map<?, ?> map ? map : Map.of();
        List<Object> row = new ArrayList<>(Arrays.asList(Instant.now(), id, event.get("roomId"), event.get("seq"),
                type));
        switch (type) {
            case "task.created", "task.updated", "task.rescheduled" -> {
                Map<?, ?> task = data.get("task") instanceof Map<?, ?> inner ? inner : data;
                if (!Boolean.TRUE.equals(task.get("milestone"))) {
                    return null;
                }
                row.addAll(Arrays.asList("milestone", task.get("title"), task.get("status"), task.get("dueDate")));
            }
            case "signoff.decided" -> row.addAll(Arrays.asList("sign-off", data.get("title"), data.get("status"), ""));
            case "room.updated" -> row.addAll(Arrays.asList("stage", data.get("name"),
                    data.get("stage") + "/" + data.get("status"), data.get("targetDecisionDate")));
            default -> {
                return null;
            }
        }
        List<String> cells = new ArrayList<>();
        for (Object cell : row) {
            String text = cell == null ? "" : String.valueOf(cell);
            cells.add(text.matches("[^,\"\r\n]*") ? text : "\"" + text.replace("\"", "\"\"") + "\"");
        }
        return String.join(",", cells);
    }

    /** Just enough JSON: objects, arrays, strings, numbers, true, false, null. */
    static final class Json {
        private final String text;
        private int at;

        Json(String text) {
            this.text = text;
        }

        Object value() {
            skip();
            char c = text.charAt(at);
            if (c == '{') {
                Map<String, Object> object = new LinkedHashMap<>();
                at++;
                skip();
                if (text.charAt(at) == '}') {
                    at++;
                    return object;
                }
                do {
                    skip();
                    String key = string();
                    skip();
                    at++; // the colon
                    object.put(key, value());
                    skip();
                } while (text.charAt(at++) == ',');
                return object;
            }
            if (c == '[') {
                List<Object> array = new ArrayList<>();
                at++;
                skip();
                if (text.charAt(at) == ']') {
                    at++;
                    return array;
                }
                do {
                    array.add(value());
                    skip();
                } while (text.charAt(at++) == ',');
                return array;
            }
            if (c == '"') {
                return string();
            }
            int start = at;
            while (at < text.length() && ",}] \n\r\t".indexOf(text.charAt(at)) < 0) {
                at++;
            }
            String word = text.substring(start, at);
            return switch (word) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                case "null" -> null;
                default -> word.matches("-?\\d+") ? (Object) Long.valueOf(word) : (Object) Double.valueOf(word);
            };
        }

        private String string() {
            StringBuilder out = new StringBuilder();
            at++; // the opening quote
            for (char c = text.charAt(at++); c != '"'; c = text.charAt(at++)) {
                if (c == '\\') {
                    char escaped = text.charAt(at++);
                    switch (escaped) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                            at += 4;
                        }
                        default -> out.append(escaped);
                    }
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }

        private void skip() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }
}
