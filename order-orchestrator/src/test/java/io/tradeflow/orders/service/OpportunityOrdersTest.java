package io.tradeflow.orders.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.tradeflow.contracts.common.Money;
import io.tradeflow.contracts.customers.OpportunityWon;
import io.tradeflow.contracts.orders.CanonicalOrder;

/** Lead to order as a mapping: what a won opportunity becomes, and which ones cannot become an order. */
class OpportunityOrdersTest {

    static OpportunityWon won(List<OpportunityWon.Line> lines) {
        return new OpportunityWon("OPP-1", "C-1", "rep.jones", "Q-9", "USD", null, LocalDate.of(2026, 12, 20), null,
                lines, null);
    }

    @Test
    void theQuotedPricesBecomeWhatTheBuyerExpectsOnACrmOrderThatKeepsTheQuote() {
        CanonicalOrder order = OpportunityOrders.canonical(won(List.of(
                new OpportunityWon.Line(0, "SKU-1", new BigDecimal("3"), null, Money.of("9.00", "USD")))));
        assertThat(order.channel()).isEqualTo("crm");
        assertThat(order.customerPoNumber()).as("the opportunity stands in for a missing PO").isEqualTo("OPP-1");
        assertThat(order.quoteId()).isEqualTo("Q-9");
        assertThat(order.lines().get(0).lineNumber()).isEqualTo(1);
        assertThat(order.lines().get(0).unitOfMeasure()).isEqualTo("EA");
        assertThat(order.lines().get(0).unitPrice()).isEqualTo(Money.of("9.00", "USD"));
        assertThat(OpportunityOrders.externalKey(won(List.of()))).isEqualTo("crm-opportunity:OPP-1");
    }

    @Test
    void anOpportunityThatCannotBeAnOrderNamesTheField() {
        assertThatThrownBy(() -> OpportunityOrders.canonical(won(List.of()))).hasMessageContaining("lines");
        assertThatThrownBy(() -> OpportunityOrders.canonical(won(List.of(
                new OpportunityWon.Line(1, "SKU-1", BigDecimal.ZERO, "EA", null)))))
                .hasMessage("lines[0].quantity must be positive");
        assertThatThrownBy(() -> OpportunityOrders.canonical(won(List.of(
                new OpportunityWon.Line(1, "SKU-1", BigDecimal.ONE, "EA", Money.of("9.00", "EUR"))))))
                .hasMessageContaining("lines[0].quotedUnitPrice is in EUR");
        assertThatThrownBy(() -> OpportunityOrders.canonical(won(List.of(
                new OpportunityWon.Line(2, "SKU-1", BigDecimal.ONE, "EA", null),
                new OpportunityWon.Line(0, "SKU-2", BigDecimal.ONE, "EA", null)))))
                .hasMessage("lines[1].lineNumber 2 is used twice");
    }
}
