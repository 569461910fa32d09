package io.tradeflow.orders.rest;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.tradeflow.orders.service.ReturnRules;

/** Body of {@code POST /api/v1/returns}: which shipped lines of an order come back, and how many of each. */
public record ReturnRequest(@NotBlank @Size(max = 64) String orderId,
                            @Size(max = 500) String reason,
                            @NotEmpty @Size(max = 500) List<@Valid @NotNull Line> lines) {

    /** @param lineNumber the order line, as the order's status page numbers it */
    public record Line(@Min(1) int lineNumber,
                       @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0")
                       BigDecimal quantity) {
    }

    List<ReturnRules.RequestedLine> requested() {
        return lines.stream().map(l -> new ReturnRules.RequestedLine(l.lineNumber(), l.quantity())).toList();
    }
}
