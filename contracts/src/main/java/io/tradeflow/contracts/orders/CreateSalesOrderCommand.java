package io.tradeflow.contracts.orders;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tradeflow.contracts.common.Address;
import io.tradeflow.contracts.common.Money;

/** Create the ERP sales order for a priced, allocated order; lines carry only what is reserved. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateSalesOrderCommand(String orderId, String customerId, String channel, String customerPoNumber,
                                      LocalDate requestedDate, Address shipTo, String currency, List<Line> lines,
                                      String quoteId) implements SalesOrderCommand {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(int lineNumber, String sku, BigDecimal quantity, String unitOfMeasure, Money unitPrice) {
    }
}
