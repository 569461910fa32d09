package io.tradeflow.contracts.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON configuration of contract records. Non-Quarkus code (simulators, benchmarks, tests) uses
 * {@link #mapper()}; services call {@link #apply(ObjectMapper)} from an {@code ObjectMapperCustomizer} so
 * Quarkus' mapper writes the same bytes (Quarkus alone would adjust offsets to UTC and may write 1E+1).
 */
public final class Json {
    private static final ObjectMapper MAPPER = configure(JsonMapper.builder()).build();

    /** Shared, thread-safe; do not reconfigure it. Use {@link #configure} to build your own. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Applies the contract settings to a builder, for code that needs its own mapper. */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder
                .addModule(new JavaTimeModule())
                .addModule(Rfc3339Deserializer.module())
                .addModule(StorableValues.module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                // The offset an ERP or WMS sent is part of the fact; do not normalise it to UTC on read.
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // Producers may add fields before consumers know them; that is not a breaking change.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                // 1E+1 instead of 10 confuses ERPs and humans alike.
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    }

    /** Applies the contract settings to an existing mapper (Quarkus' injected one). */
    public static ObjectMapper apply(ObjectMapper mapper) {
        return mapper
                .registerModule(new JavaTimeModule())
                .registerModule(Rfc3339Deserializer.module())
                .registerModule(StorableValues.module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getName(), e);
        }
    }

    /** @throws IllegalArgumentException with Jackson's description of what is wrong in the payload */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid " + type.getSimpleName() + " payload: "
                    + e.getOriginalMessage(), e);
        }
    }

    private Json() {
    }
}
