package io.tradeflow.pricing.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.customers.CrmAccount;
import io.tradeflow.pricing.repository.PricingRecords;
import io.tradeflow.platform.inbox.Inbox;

/** Stores the CRM context pricing needs (tier, segment, buying group); a repeat or an older update has no effect. */
@ApplicationScoped
public class AccountIntake {
    static final String CONSUMER = "crm-accounts";

    @Inject
    Inbox inbox;
    @Inject
    PricingRecords records;

    public Uni<Boolean> receive(String eventId, CrmAccount account) {
        return Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, eventId)
                .chain(first -> first
                        ? records.upsertAccount(account.customerId(), account.tier(), account.segment(),
                                account.buyingGroup(), account.updatedAt())
                        : Uni.createFrom().item(false)));
    }
}
