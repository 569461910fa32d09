package io.tradeflow.contracts.customers;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * CRM context of a customer, on {@code crm.accounts} (key = customerId). Enriches pricing and orders;
 * the ERP stays authoritative for credit and contract terms.
 *
 * @param owner the account's sales or service rep
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CrmAccount(String customerId, String name, String tier, String segment, String buyingGroup,
                         String owner, OffsetDateTime updatedAt) {
}
