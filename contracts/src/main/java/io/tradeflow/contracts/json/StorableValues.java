package io.tradeflow.contracts.json;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * Refuses, while reading JSON, values that no ERP, WMS or partner means and that PostgreSQL cannot store: text with a
 * NUL character, and numbers too large or too finely divided for the suite's numeric columns (quantities and amounts
 * are {@code numeric(18,3)} / {@code numeric(19,4)}). Refused here, such a value is a 400 naming the field (REST) or a
 * dead letter with that reason (Kafka), instead of a database error half-way through a transaction.
 */
public final class StorableValues {
    /** Strictly below 10^15: the integer digits of {@code numeric(18,3)} and {@code numeric(19,4)}. */
    public static final BigDecimal LIMIT = BigDecimal.TEN.pow(15);
    /** Finer than any stocking unit or price; bounds the work that arithmetic on a value like 1e-100000 costs. */
    public static final int MAX_DECIMALS = 9;

    static SimpleModule module() {
        return new SimpleModule("tradeflow-storable-values")
                .addDeserializer(String.class, new Checked<>(String.class, StringDeserializer.instance,
                        StorableValues::unstorable))
                .addDeserializer(BigDecimal.class, new Checked<>(BigDecimal.class,
                        NumberDeserializers.BigDecimalDeserializer.instance, StorableValues::unstorable));
    }

    /** Why {@code value} cannot be stored, or null when it can. */
    public static String unstorable(BigDecimal value) {
        if (value.scale() > MAX_DECIMALS) {
            // stripTrailingZeros keeps 1.5000000000 acceptable; only real precision beyond the limit is refused.
            if (value.stripTrailingZeros().scale() > MAX_DECIMALS) {
                return "must have at most " + MAX_DECIMALS + " decimals";
            }
        }
        if (value.abs().compareTo(LIMIT) >= 0) {
            return "must be less than 10^15 in magnitude";
        }
        return null;
    }

    /** Why {@code value} cannot be stored, or null when it can. */
    public static String unstorable(String value) {
        return value.indexOf('\u0000') >= 0 ? "must not contain a NUL character (U+0000)" : null;
    }

    /** A JSON value refused for what it is, not for its type; {@link #reason()} is for the client. */
    public static final class UnstorableValueException extends JsonMappingException {
        private final String reason;

        UnstorableValueException(JsonParser parser, String reason) {
            super(parser, reason);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** Reads a value with Jackson's own deserializer of its type, then refuses it when {@code check} says why. */
    private static final class Checked<T> extends StdScalarDeserializer<T> {
        private final JsonDeserializer<T> read;
        private final Function<T, String> check;

        Checked(Class<T> type, JsonDeserializer<T> read, Function<T, String> check) {
            super(type);
            this.read = read;
            this.check = check;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            T value = read.deserialize(parser, context);
            String reason = value == null ? null : check.apply(value);
            if (reason != null) {
                throw new UnstorableValueException(parser, reason);
            }
            return value;
        }
    }

    private StorableValues() {
    }
}
