package io.tradeflow.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.tradeflow.contracts.common.Money;
import io.tradeflow.contracts.orders.CanonicalOrder;
import io.tradeflow.contracts.orders.LifecycleLine;
import io.tradeflow.contracts.orders.OrderLifecycleChanged;
import io.tradeflow.contracts.orders.OrderLine;
import io.tradeflow.contracts.orders.OrderState;
import io.tradeflow.contracts.partners.PartnerOrderUpdate;
import io.tradeflow.contracts.partners.PartnerOrderUpdate.LineStatus;
import io.tradeflow.contracts.partners.PartnerOrderUpdate.Status;
import io.tradeflow.contracts.partners.PartnerRef;

/** The JSON partner's 855 says of each line what the X12 855's ACK segments say. */
class MarketplaceAnswersTest {
    static final CanonicalOrder ORDERED = new CanonicalOrder(null, "C-1", "marketplace", "MP-1", null, null, "USD",
            List.of(new OrderLine(1, "A", new BigDecimal("4"), "EA", Money.of("9.99", "USD"), null),
                    new OrderLine(2, "B", new BigDecimal("4"), "EA", null, null),
                    new OrderLine(3, "C", new BigDecimal("4"), "EA", null, null),
                    new OrderLine(4, "D", new BigDecimal("4"), "EA", Money.of("2.00", "USD"), null)),
            null, new PartnerRef("m1", null, null, null));

    static OrderLifecycleChanged event(OrderState state, String cause, List<LifecycleLine> lines) {
        return new OrderLifecycleChanged("O-1", 4, "C-1", "marketplace", "MP-1", state, OrderState.SUBMITTED, cause,
                OffsetDateTime.now(), "USD", lines, "SO-1", null, null, ORDERED.partnerRef());
    }

    static LifecycleLine line(int n, String price, String held, String backordered) {
        return new LifecycleLine(n, "ABCD".substring(n - 1, n), new BigDecimal("4"), "EA",
                price == null ? null : Money.of(price, "USD"), null, new BigDecimal(held), new BigDecimal(backordered));
    }

    @Test
    void eachLineIsHeldPartlyBackorderedBackorderedOrRefusedAndAPriceOtherThanThePartnersIsFlagged() {
        PartnerOrderUpdate ack = MarketplaceAnswers.acknowledgment(event(OrderState.CONFIRMED, "ERP accepted",
                List.of(line(1, "10.50", "4", "0"), line(2, "3.00", "1", "3"), line(3, "3.00", "0", "4"),
                        line(4, "2.00", "0", "0"))), ORDERED, "m1:MP-1");
        assertThat(ack.status()).isEqualTo(Status.ACCEPTED_WITH_CHANGES);
        assertThat(ack.lines()).extracting(PartnerOrderUpdate.Line::status).containsExactly(LineStatus.ACCEPTED,
                LineStatus.PARTIALLY_BACKORDERED, LineStatus.BACKORDERED, LineStatus.REJECTED);
        assertThat(ack.lines()).extracting(PartnerOrderUpdate.Line::priceChanged)
                .containsExactly(true, false, false, false);
        assertThat(ack.lines().get(0).partnerUnitPrice()).isEqualTo(Money.of("9.99", "USD"));
        assertThat(ack.orderNumber()).isEqualTo("MP-1");
        assertThat(ack.erpOrderNumber()).isEqualTo("SO-1");
    }

    @Test
    void anOrderHeldInFullAtThePartnersPricesIsAcceptedAsIs() {
        PartnerOrderUpdate ack = MarketplaceAnswers.acknowledgment(event(OrderState.CONFIRMED, "ERP accepted",
                List.of(line(1, "9.99", "4", "0"), line(2, "3.00", "4", "0"))), ORDERED, "m1:MP-1");
        assertThat(ack.status()).isEqualTo(Status.ACCEPTED);
    }

    @Test
    void aRefusalRefusesEveryLineAndSaysWhy() {
        PartnerOrderUpdate refusal = MarketplaceAnswers.rejection(event(OrderState.REJECTED, "  credit hold ",
                List.of(line(1, null, "0", "0"))), ORDERED, "m1:MP-1");
        assertThat(refusal.status()).isEqualTo(Status.REJECTED);
        assertThat(refusal.reason()).isEqualTo("credit hold");
        assertThat(refusal.lines()).extracting(PartnerOrderUpdate.Line::status).containsExactly(LineStatus.REJECTED);
        assertThat(refusal.lines().get(0).unitPrice()).isNull();
    }
}
