package io.tradeflow.orders.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.tradeflow.contracts.common.Address;
import io.tradeflow.contracts.orders.CanonicalOrder;
import io.tradeflow.contracts.orders.OrderLine;

/** Body of {@code POST /api/v1/orders}; becomes a {@link CanonicalOrder}, the same shape partner orders take. */
public record PlaceOrderRequest(@NotBlank @Size(max = 100) String customerId,
                                @NotBlank @Size(max = 50) String channel,
                                @NotEmpty @Size(max = 500) List<@Valid @NotNull Line> lines,
                                @NotNull @Valid ShipTo shipTo,
                                LocalDate requestedDate,
                                @Size(max = 100) String customerPoNumber,
                                @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
                                @Size(max = 100) String quoteId) {

    public record Line(@NotBlank @Size(max = 100) String sku,
                       @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0")
                       BigDecimal quantity,
                       @Size(max = 10) String unitOfMeasure) {
    }

    public record ShipTo(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 200) String line1,
                         @Size(max = 200) String line2, @NotBlank @Size(max = 100) String city,
                         @Size(max = 100) String region, @NotBlank @Size(max = 20) String postalCode,
                         @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code")
                         String country) {
    }

    CanonicalOrder canonical() {
        List<OrderLine> orderLines = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            orderLines.add(new OrderLine(i + 1, l.sku(), l.quantity(), l.unitOfMeasure(), null, null));
        }
        Address address = new Address(shipTo.name(), shipTo.line1(), shipTo.line2(), shipTo.city(), shipTo.region(),
                shipTo.postalCode(), shipTo.country());
        return new CanonicalOrder(null, customerId, channel, customerPoNumber, requestedDate, address,
                currency == null ? "USD" : currency, orderLines, quoteId, null);
    }
}
