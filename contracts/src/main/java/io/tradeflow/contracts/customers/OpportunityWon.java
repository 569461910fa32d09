package io.tradeflow.contracts.customers;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tradeflow.contracts.common.Address;
import io.tradeflow.contracts.common.Money;

/**
 * A CRM opportunity closed as won, on {@code crm.opportunities} (key = opportunityId): it becomes an
 * order, re-priced against the ERP rules; a line whose price moved since {@code quotedUnitPrice} is flagged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpportunityWon(String opportunityId, String customerId, String owner, String quoteId, String currency,
                             String customerPoNumber, LocalDate requestedDate, Address shipTo, List<Line> lines,
                             OffsetDateTime wonAt) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(int lineNumber, String sku, BigDecimal quantity, String unitOfMeasure, Money quotedUnitPrice) {
    }
}
