package dev.dealroom.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * Sends several requests at the same moment, each on its own connection and thread, released together by one
 * gate, the way two people clicking at once (or a client retrying while its first try is still running) reach the
 * server.
 */
public final class Burst {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** One request of a burst. {@code body} is sent as JSON, or as multipart form data when it is a {@link Form}. */
    public record Call(Person who, String method, String path, Object body) {

        public static Call post(Person who, String path, Object body) {
            return new Call(who, "POST", path, body);
        }

        public static Call put(Person who, String path, Object body) {
            return new Call(who, "PUT", path, body);
        }

        public static Call patch(Person who, String path, Object body) {
            return new Call(who, "PATCH", path, body);
        }

        public static Call delete(Person who, String path) {
            return new Call(who, "DELETE", path, null);
        }

        /** {@code n} copies of this call. */
        public List<Call> times(int n) {
            return java.util.Collections.nCopies(n, this);
        }
    }

    /** A multipart form: a file part and plain fields. */
    public record Form(String fileName, String contentType, byte[] content, Map<String, String> fields) {
    }

    /** What one request got: its status, and its problem code when it was refused. */
    public record Answer(int status, String body) {

        public JsonPath json() {
            return JsonPath.from(body);
        }

        /** {@code "201"} for a success, {@code "409 already-decided"} for a refusal: what a row allows. */
        public String outcome() {
            if (status < 400) {
                return Integer.toString(status);
            }
            String code = body == null || body.isEmpty() ? "?" : json().getString("code");
            return status + " " + code;
        }
    }

    private Burst() {
    }

    /** Sends every call at once and answers in the calls' order. */
    public static List<Answer> fire(List<Call> calls) {
        return fire(calls, () -> {
        });
    }

    /**
     * Sends every call at once, runs {@code meanwhile} while they are in flight (to release a lock they queue on,
     * see {@link LockHolder}), and answers in the calls' order. Every answer is awaited even when {@code meanwhile}
     * fails; its failure is thrown then, so that no request of a failed burst is still running afterwards.
     */
    public static List<Answer> fire(List<Call> calls, Runnable meanwhile) {
        ExecutorService threads = Executors.newFixedThreadPool(calls.size());
        Throwable failed = null;
        try {
            List<HttpRequest> requests = calls.stream().map(Burst::request).toList();
            CountDownLatch ready = new CountDownLatch(calls.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Answer>> answers = new ArrayList<>();
            for (HttpRequest request : requests) {
                answers.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                    return new Answer(response.statusCode(), response.body());
                }));
            }
            ready.await();
            go.countDown();
            try {
                meanwhile.run();
            } catch (RuntimeException | Error e) {
                failed = e;
            }
            List<Answer> result = new ArrayList<>();
            for (Future<Answer> answer : answers) {
                result.add(answer.get());
            }
            if (failed == null) {
                return result;
            }
        } catch (Exception e) {
            IllegalStateException incomplete = new IllegalStateException("A burst did not complete", e);
            if (failed == null) {
                throw incomplete;
            }
            failed.addSuppressed(incomplete);
        } finally {
            threads.shutdownNow();
        }
        if (failed instanceof Error error) {
            throw error;
        }
        throw (RuntimeException) failed;
    }

    private static HttpRequest request(Call call) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl() + call.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + call.who().token());
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        if (call.body() instanceof Form form) {
            String boundary = "burst-" + UUID.randomUUID();
            builder.header("Content-Type", "multipart/form-data; boundary=" + boundary);
            body = HttpRequest.BodyPublishers.ofByteArray(multipart(form, boundary));
        } else if (call.body() != null) {
            builder.header("Content-Type", "application/json");
            body = HttpRequest.BodyPublishers.ofString(json(call.body()));
        }
        return builder.method(call.method(), body).build();
    }

    private static String baseUrl() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static byte[] multipart(Form form, String boundary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (Map.Entry<String, String> field : form.fields().entrySet()) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                        + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + form.fileName() + "\"\r\nContent-Type: " + form.contentType() + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.write(form.content());
            out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
