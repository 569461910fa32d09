package io.tradeflow.pricing.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.tradeflow.contracts.customers.CrmAccount;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.pricing.engine.CustomerContext;

/** Reads and checks one {@code crm.accounts} event; the exception message becomes the DLQ reason. */
@ApplicationScoped
public class CrmAccountCodec {
    @Inject
    ObjectMapper mapper;

    public CrmAccount decode(CloudEvent event) {
        if (!CloudEventTypes.CRM_ACCOUNT.equals(event.type())) {
            throw new IllegalArgumentException("unknown ce_type " + event.type() + " on crm.accounts");
        }
        CrmAccount account;
        try {
            account = mapper.readValue(event.data(), CrmAccount.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("payload is not a valid CrmAccount: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (account.customerId() == null || account.customerId().isBlank()) {
            throw new IllegalArgumentException("customerId is required");
        }
        return account;
    }

    public static CustomerContext context(CrmAccount account) {
        return new CustomerContext(account.customerId(), account.tier(), account.segment(), account.buyingGroup(), true);
    }
}
