package dev.dealroom.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Native queries are created without a result class. With one ({@code createNativeQuery(sql, Object[].class)}),
 * Hibernate 7 builds a result mapping that never equals the cached one, so every call misses the query plan cache
 * and adds an entry: the cache fills up (2,048 entries) with copies of the same few statements sharing one hash,
 * and each lookup then compares the SQL text of hundreds of them. The benchmark found it costing a quarter of the
 * server's CPU on the post path (docs/benchmarks.md).
 */
class NativeQuerySourceTest {

    private static final Pattern WITH_RESULT_CLASS = Pattern.compile(
            "createNativeQuery\\((?:(?!\\)\\s*\\.)[^;])*?,\\s*[A-Z][A-Za-z0-9]*(?:\\[\\])?\\.class\\s*\\)");

    @Test
    void noNativeQueryIsGivenAResultClass() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher call = WITH_RESULT_CLASS.matcher(Files.readString(source));
                while (call.find()) {
                    offenders.add(source + ": " + call.group().lines().findFirst().orElse(""));
                }
            }
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void thePatternRecognisesACallWithAResultClass() {
        assertEquals(true, WITH_RESULT_CLASS.matcher("em.createNativeQuery(\"select 1\"\n + \" from x\", Object[].class)")
                .find());
        assertEquals(false, WITH_RESULT_CLASS.matcher("em.createNativeQuery(\"select 1\").setParameter(1, UUID.class);")
                .find());
    }
}
