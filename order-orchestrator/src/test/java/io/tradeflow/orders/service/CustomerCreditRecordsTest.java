package io.tradeflow.orders.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import io.tradeflow.contracts.common.Money;
import io.tradeflow.contracts.customers.CreditStatus;
import io.tradeflow.contracts.customers.ErpCustomer;
import io.tradeflow.contracts.inventory.ReservationPolicy;

class CustomerCreditRecordsTest {

    @Test
    void anErpCustomerWhoseCreditFiguresCannotBeComparedIsRefusedWithTheField() {
        assertThat(CustomerLedger.invalidCredit(customer(Money.of("5000", "USD"), Money.of("120", "USD")))).isNull();
        assertThat(CustomerLedger.invalidCredit(customer(null, null))).as("no limit: none is checked").isNull();
        assertThat(CustomerLedger.invalidCredit(customer(Money.of("-1", "USD"), Money.of("0", "USD"))))
                .startsWith("creditLimit.amount");
        assertThat(CustomerLedger.invalidCredit(customer(Money.of("5000", "USD"), Money.of("120", "EUR"))))
                .isEqualTo("openBalance.currency EUR is not the credit limit's USD");
    }

    private static ErpCustomer customer(Money limit, Money balance) {
        return new ErpCustomer("C-1", "Acme", limit, balance, CreditStatus.OK, ReservationPolicy.ALL_OR_NOTHING, null,
                1, OffsetDateTime.now());
    }
}
