package io.tradeflow.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.tradeflow.contracts.inventory.StockMovement;

/** The hand-read timestamps must be exactly what the JDK reads, and everything the JDK refuses stays refused. */
class Rfc3339Test {

    @Test
    void readsWhatTheJdkReadsKeepingTheSendersOffset() {
        for (String text : List.of("2026-12-03T07:24:36Z", "2026-12-03T07:24:36.1Z", "2026-12-03T07:24:36.123456789Z",
                "2026-12-03T07:24:36.120+01:00", "2026-01-31T23:59:59-05:30", "2024-02-29T00:00:00+00:00",
                "2026-12-03T07:24:36-00:00", "2026-12-03T07:24:36+14:00", "2026-12-03t07:24:36z",
                "2026-12-03T07:24:36+01:00:30", "+12026-12-03T07:24:36Z",
                "2026-12-03T07:24:36.Z")) {
            OffsetDateTime jdk = OffsetDateTime.parse(text);
            assertThat(Rfc3339.parse(text)).as(text).isEqualTo(jdk);
            assertThat(Rfc3339.parse(text).getOffset()).as(text).isEqualTo(jdk.getOffset());
        }
    }

    @Test
    void refusesWhatTheJdkRefuses() {
        for (String text : List.of("", "2026-12-03", "2026-12-03 07:24:36Z", "2026-13-03T07:24:36Z",
                "2026-02-30T07:24:36Z", "2025-02-29T00:00:00Z", "2026-12-03T24:00:01Z", "2026-12-03T07:60:00Z",
                "2026-12-03T07:24:36", "2026-12-03T07:24:36.1234567890Z",
                "2026-12-03T07:24:36+1:00", "2026-12-03T07:24:36+19:00", "2026-12-03T07:24:36+01:60",
                "2026-12-03T07:24:36Zjunk", "2O26-12-03T07:24:36Z", "not a time")) {
            assertThatThrownBy(() -> OffsetDateTime.parse(text)).as("JDK " + text)
                    .isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> Rfc3339.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }

    @Test
    void contractPayloadsReadTheirTimestampsTheSameWay() {
        StockMovement movement = Json.read("{\"sku\":\"A\",\"occurredAt\":\"2026-12-03T07:24:36.5+02:00\"}",
                StockMovement.class);
        assertThat(movement.occurredAt()).isEqualTo(OffsetDateTime.parse("2026-12-03T07:24:36.5+02:00"));
        assertThat(movement.occurredAt().getOffset().getTotalSeconds()).isEqualTo(7200);
        assertThatThrownBy(() -> Json.read("{\"occurredAt\":\"2026-02-30T07:24:36Z\"}", StockMovement.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FEBRUARY 30");
    }
}
