package io.tradeflow.contracts.json;

import java.io.IOException;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

/**
 * OffsetDateTime fields in the common RFC 3339 shape are read by {@link Rfc3339}; everything else (numbers,
 * unusual or malformed text) by jsr310's own deserializer, so errors read exactly as before. Registered after
 * JavaTimeModule, which it overrides for this one type.
 */
final class Rfc3339Deserializer extends StdScalarDeserializer<OffsetDateTime> {

    static SimpleModule module() {
        return new SimpleModule("tradeflow-rfc3339").addDeserializer(OffsetDateTime.class, new Rfc3339Deserializer());
    }

    private Rfc3339Deserializer() {
        super(OffsetDateTime.class);
    }

    @Override
    public OffsetDateTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            OffsetDateTime common = Rfc3339.common(parser.getText());
            if (common != null) {
                return common;
            }
        }
        return InstantDeserializer.OFFSET_DATE_TIME.deserialize(parser, context);
    }
}
