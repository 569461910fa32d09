package io.tradeflow.platform.json;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;
import io.tradeflow.contracts.json.Json;

/**
 * Quarkus' ObjectMapper (REST bodies, events) writes and reads the canonical records exactly like the
 * contracts' own mapper: offsets kept, BigDecimal plain, unknown enum values refused.
 */
@Singleton
public class CanonicalJson implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        Json.apply(mapper);
    }
}
