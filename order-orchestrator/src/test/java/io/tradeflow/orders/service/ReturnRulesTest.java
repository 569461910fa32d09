package io.tradeflow.orders.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.tradeflow.contracts.orders.OrderState;
import io.tradeflow.contracts.orders.ReturnReceived;
import io.tradeflow.contracts.orders.Shipment;
import io.tradeflow.platform.problem.ProblemException;

/** Return to credit as rules: what may come back, and what the warehouse's check-in credits. */
class ReturnRulesTest {
    static final OffsetDateTime AT = OffsetDateTime.parse("2026-12-07T10:00:00Z");
    final List<OrderLineStatus> lines = List.of(
            OrderLineStatus.requested(1, "SKU-1", new BigDecimal("5"), "EA", null)
                    .priced(new BigDecimal("10"), new BigDecimal("50"), "CONTRACT", "K-1@v1", null, null),
            OrderLineStatus.requested(2, "SKU-2", new BigDecimal("3"), "EA", null));
    final Shipment shipment = new Shipment("O-1", "SH-1", "WH", "UPS", "1Z", List.of(
            new Shipment.Line(1, "SKU-1", new BigDecimal("4"), "EA"),
            new Shipment.Line(2, "SKU-2", new BigDecimal("3"), "EA")), AT);

    ReturnAuthorisation authorise(List<ReturnAuthorisation> earlier, int line, String quantity) {
        return ReturnRules.authorise("RMA-1", null, "damaged", OrderState.DELIVERED, lines, List.of(shipment), earlier,
                List.of(new ReturnRules.RequestedLine(line, new BigDecimal(quantity))), AT);
    }

    @Test
    void goodsOfEveryShipmentOfASplitOrderCanBeReturnedButNoMoreThanTheyAddUpTo() {
        Shipment first = new Shipment("O-1", "SH-1", "WH", "UPS", "1Z1", List.of(
                new Shipment.Line(1, "SKU-1", new BigDecimal("3"), "EA")), AT);
        Shipment second = new Shipment("O-1", "SH-2", "WH2", "UPS", "1Z2", List.of(
                new Shipment.Line(1, "SKU-1", new BigDecimal("1"), "EA"),
                new Shipment.Line(2, "SKU-2", new BigDecimal("3"), "EA")), AT);
        ReturnAuthorisation rma = ReturnRules.authorise("RMA-S", null, null, OrderState.DELIVERED, lines,
                List.of(first, second), List.of(), List.of(new ReturnRules.RequestedLine(1, new BigDecimal("4")),
                        new ReturnRules.RequestedLine(2, new BigDecimal("3"))), AT);
        assertThat(rma.lines()).hasSize(2);
        assertThatThrownBy(() -> ReturnRules.authorise("RMA-T", null, null, OrderState.DELIVERED, lines,
                List.of(first, second), List.of(), List.of(new ReturnRules.RequestedLine(1, new BigDecimal("5"))), AT))
                .isInstanceOf(ProblemException.class).hasMessageContaining("only 4 of line 1");
    }

    @Test
    void onlyWhatShippedLessEarlierReturnsCanComeBackAtThePriceItWasSoldAt() {
        ReturnAuthorisation first = authorise(List.of(), 1, "3");
        assertThat(first.lines()).singleElement().satisfies(l -> {
            assertThat(l.sku()).isEqualTo("SKU-1");
            assertThat(l.unitPrice()).isEqualByComparingTo("10");
        });
        // 5 ordered but 4 shipped, 3 already authorised: 1 is left.
        assertThatThrownBy(() -> authorise(List.of(first), 1, "2")).isInstanceOf(ProblemException.class)
                .hasMessageContaining("only 1 of line 1");
        assertThat(authorise(List.of(first), 1, "1").lines()).hasSize(1);
        assertThatThrownBy(() -> authorise(List.of(), 9, "1")).hasMessageContaining("not a line of this order");
    }

    @Test
    void anOrderThatHasNotShippedHasNothingToReturn() {
        assertThatThrownBy(() -> ReturnRules.authorise("RMA-2", null, null, OrderState.CONFIRMED, lines, List.of(),
                List.of(), List.of(new ReturnRules.RequestedLine(1, BigDecimal.ONE)), AT))
                .isInstanceOf(ProblemException.class).hasMessageContaining("CONFIRMED");
    }

    @Test
    void eachCheckInCreditsWhatItAddsUpToWhatWasAuthorised() {
        ReturnAuthorisation rma = authorise(List.of(), 1, "2");
        ReturnAuthorisation firstBox = ReturnRules.receive(rma, checkIn("1", "DAMAGED"));
        assertThat(firstBox.state()).isEqualTo(ReturnAuthorisation.RECEIVED);
        assertThat(firstBox.lastReceipt()).containsExactly(new ReturnAuthorisation.Credit(1, new BigDecimal("1")));
        assertThat(firstBox.lines().get(0).condition()).isEqualTo("DAMAGED");
        // The second box holds three, but only one more was authorised.
        ReturnAuthorisation secondBox = ReturnRules.receive(firstBox, checkIn("3", null));
        assertThat(secondBox.lines().get(0).received()).isEqualByComparingTo("2");
        assertThat(secondBox.lastReceipt()).containsExactly(new ReturnAuthorisation.Credit(1, new BigDecimal("1")));
        assertThat(ReturnRules.receive(secondBox, checkIn("1", null)).lastReceipt()).isEmpty();
    }

    @Test
    void aCheckInThatDoesNotFitTheReturnNamesTheField() {
        ReturnAuthorisation rma = authorise(List.of(), 1, "2");
        assertThatThrownBy(() -> ReturnRules.receive(rma, checkIn("-1", null)))
                .hasMessage("lines[0].quantity must be zero or more");
        assertThatThrownBy(() -> ReturnRules.receive(rma, new ReturnReceived("O-1", "RMA-1", "WH", List.of(
                new ReturnReceived.Line(2, "SKU-2", BigDecimal.ONE, null)), AT))).hasMessageContaining("not on return");
        assertThatThrownBy(() -> ReturnRules.receive(rma, new ReturnReceived("O-1", "RMA-1", "WH", List.of(
                new ReturnReceived.Line(1, "SKU-9", BigDecimal.ONE, null)), AT))).hasMessageContaining("sku SKU-9");
    }

    static ReturnReceived checkIn(String quantity, String condition) {
        return new ReturnReceived("O-1", "RMA-1", "WH", List.of(
                new ReturnReceived.Line(1, "SKU-1", new BigDecimal(quantity), condition)), AT);
    }
}
