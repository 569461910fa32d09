package io.tradeflow.contracts.orders;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tradeflow.contracts.common.Money;

/** Credit the customer for returned goods received back into stock. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateCreditMemoCommand(String orderId, String returnId, String customerId, String erpOrderNumber,
                                      String invoiceNumber, String currency, List<Line> lines, String reason)
        implements SalesOrderCommand {

    public record Line(int lineNumber, String sku, BigDecimal quantity, String unitOfMeasure, Money unitPrice) {
    }
}
