package io.tradeflow.orders.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The credit check's sum of open orders can only use the open-order index while both name the same states. */
class OrderRowsTest {
    @Test
    void theOpenOrderIndexCoversExactlyTheStatesTheCreditCheckCounts() throws Exception {
        String migration;
        try (InputStream in = getClass().getResourceAsStream("/db/migration/V8__open_order_value_index.sql")) {
            migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(migration).contains("where " + OrderRows.NOT_COUNTED + ";");
        assertThat(OrderRows.NOT_COUNTED).contains("'INVOICED'", "'COMPLETED'", "'CANCELLED'")
                .doesNotContain("'SHIPPED'", "'ACCEPTED'", "'COMPENSATING'");
    }
}
