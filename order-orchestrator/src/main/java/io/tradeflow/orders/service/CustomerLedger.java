package io.tradeflow.orders.service;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.common.Money;
import io.tradeflow.contracts.customers.ErpCustomer;
import io.tradeflow.orders.repository.CustomerCredit;
import io.tradeflow.platform.inbox.Inbox;

/** Keeps the ERP customer master locally so the credit check answers without calling the ERP. */
@ApplicationScoped
public class CustomerLedger {
    static final String CONSUMER = "erp-customers";

    @Inject
    Inbox inbox;

    public Uni<Void> apply(String eventId, ErpCustomer customer) {
        if (customer.customerId() == null || customer.creditStatus() == null) {
            throw new IllegalArgumentException("customerId and creditStatus are required");
        }
        String invalid = invalidCredit(customer);
        if (invalid != null) {
            // Dead-lettered with this reason: a limit we cannot read right must not approve or refuse orders.
            throw new IllegalArgumentException(invalid);
        }
        return Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, eventId).chain(first -> !first
                ? Uni.createFrom().voidItem()
                : CustomerCredit.<CustomerCredit>findById(customer.customerId()).chain(known -> {
                    // The ERP's version orders the updates; an older one arriving late changes nothing.
                    if (known != null && known.version > customer.version()) {
                        return Uni.createFrom().voidItem();
                    }
                    CustomerCredit row = known != null ? known : new CustomerCredit();
                    row.customerId = customer.customerId();
                    row.name = customer.name();
                    row.creditLimit = customer.creditLimit() == null ? null : customer.creditLimit().amount();
                    row.currency = customer.creditLimit() == null ? null : customer.creditLimit().currency();
                    row.openBalance = customer.openBalance() == null ? null : customer.openBalance().amount();
                    row.creditStatus = customer.creditStatus().name();
                    row.reservationPolicy = customer.reservationPolicy() == null ? null
                            : customer.reservationPolicy().name();
                    row.version = customer.version();
                    row.updatedAt = customer.updatedAt() == null ? OffsetDateTime.now() : customer.updatedAt();
                    return known != null ? Uni.createFrom().voidItem() : row.persist().replaceWithVoid();
                })));
    }

    /**
     * Credit figures are compared as they are, in one currency: a negative limit, a limit without a currency or a
     * balance in another currency than the limit would let the credit check approve or refuse on a wrong sum.
     */
    static String invalidCredit(ErpCustomer customer) {
        Money limit = customer.creditLimit();
        Money balance = customer.openBalance();
        if (limit != null && (limit.amount() == null || limit.amount().signum() < 0)) {
            return "creditLimit.amount must be zero or more";
        }
        if (limit != null && (limit.currency() == null || limit.currency().isBlank())) {
            return "creditLimit.currency is required";
        }
        if (balance != null && balance.amount() == null) {
            return "openBalance.amount is required";
        }
        if (limit != null && balance != null && balance.currency() != null
                && !balance.currency().equals(limit.currency())) {
            return "openBalance.currency " + balance.currency() + " is not the credit limit's " + limit.currency();
        }
        return null;
    }
}
