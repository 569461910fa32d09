package io.tradeflow.orders.service;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
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
}
