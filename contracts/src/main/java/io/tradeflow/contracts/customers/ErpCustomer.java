package io.tradeflow.contracts.customers;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tradeflow.contracts.common.Address;
import io.tradeflow.contracts.common.Money;
import io.tradeflow.contracts.inventory.ReservationPolicy;

/**
 * The ERP customer master, on {@code erp.customers} (key = customerId).
 *
 * @param openBalance what the customer already owes (open invoices); credit exposure adds open orders to it
 * @param version     increases with every change in the ERP; older versions are ignored
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErpCustomer(String customerId, String name, Money creditLimit, Money openBalance,
                          CreditStatus creditStatus, ReservationPolicy reservationPolicy, Address billTo,
                          long version, OffsetDateTime updatedAt) {
}
