package dev.dealroom.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The operations settings of application.properties as each profile reads them: JSON logs in production only, and
 * traces off until an OTLP endpoint is given.
 */
class OperationsConfigTest {

    @Test
    void logsAreJsonInProductionOnly() throws IOException {
        assertEquals(true, config("prod", Map.of()).getValue("quarkus.log.console.json.enabled", Boolean.class));
        assertEquals(false, config("dev", Map.of()).getValue("quarkus.log.console.json.enabled", Boolean.class));
        assertEquals(false, config("test", Map.of()).getValue("quarkus.log.console.json.enabled", Boolean.class));
    }

    @Test
    void tracesAreOffUntilAnEndpointIsSetThenSentThere() throws IOException {
        for (String profile : new String[] { "prod", "dev", "test" }) {
            assertEquals(true, config(profile, Map.of()).getValue("quarkus.otel.sdk.disabled", Boolean.class), profile);
        }
        SmallRyeConfig on = config("prod", Map.of("DEALROOM_TRACES_ENDPOINT", "http://collector.example:4317"));
        assertEquals(false, on.getValue("quarkus.otel.sdk.disabled", Boolean.class));
        assertEquals("http://collector.example:4317", on.getValue("quarkus.otel.exporter.otlp.endpoint", String.class));
    }

    /** application.properties under a profile, with {@code environment} as the environment variables. */
    private static SmallRyeConfig config(String profile, Map<String, String> environment) throws IOException {
        return new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(
                        OperationsConfigTest.class.getResource("/application.properties"), 250))
                .withSources(new EnvConfigSource(environment, 300))
                .withInterceptors(new TracesSwitch())
                .addDefaultInterceptors()
                .build();
    }
}
