package dev.dealroom.common;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/**
 * Turns tracing on with one setting: while {@code dealroom.traces.endpoint} ({@code DEALROOM_TRACES_ENDPOINT}) is
 * unset, the OpenTelemetry SDK stays disabled ({@code quarkus.otel.sdk.disabled=true} in application.properties), so
 * no exporter is built and nothing connects anywhere; once it is set, the SDK is enabled and exports to it (the
 * exporter's endpoint reads the same property). Configuration expressions cannot derive a flag from whether another
 * property is set, hence this interceptor (registered in {@code META-INF/services}).
 */
public class TracesSwitch implements ConfigSourceInterceptor {

    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    static final String ENDPOINT = "dealroom.traces.endpoint";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!SDK_DISABLED.equals(name)) {
            return value;
        }
        ConfigValue endpoint = context.proceed(ENDPOINT);
        if (endpoint == null || endpoint.getValue() == null || endpoint.getValue().isBlank()) {
            return value;
        }
        return value == null ? ConfigValue.builder().withName(name).withValue("false").build()
                : value.withValue("false");
    }
}
