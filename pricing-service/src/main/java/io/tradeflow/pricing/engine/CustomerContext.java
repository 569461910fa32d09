package io.tradeflow.pricing.engine;

/**
 * What pricing knows about a customer from CRM. A customer CRM never told us about is still priced
 * (contract prices come from the ERP, everything else falls back to list) and the quote is flagged.
 */
public record CustomerContext(String customerId, String tier, String segment, String buyingGroup, boolean known) {

    public static CustomerContext unknown(String customerId) {
        return new CustomerContext(customerId, null, null, null, false);
    }
}
