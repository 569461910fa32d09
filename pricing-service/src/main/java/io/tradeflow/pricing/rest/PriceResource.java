package io.tradeflow.pricing.rest;

import java.math.BigDecimal;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.common.annotation.NonBlocking;
import io.tradeflow.contracts.json.StorableValues;
import io.tradeflow.contracts.pricing.QuoteLine;
import io.tradeflow.contracts.pricing.UnpriceableReason;
import io.tradeflow.pricing.service.Quoting;
import io.tradeflow.platform.problem.ProblemException;
import io.tradeflow.platform.security.Roles;

@Path("/api/v1/prices")
@RolesAllowed({Roles.STOREFRONT, Roles.CRM, Roles.SERVICE, Roles.OPERATIONS})
public class PriceResource {
    @Inject
    Quoting quoting;

    @GET
    @Path("/{sku}")
    @NonBlocking
    @Operation(summary = "The price of one SKU for a customer, channel and quantity, with its rule and ERP sources")
    @APIResponse(responseCode = "200", description = "The price, or the reason the SKU cannot be priced this way",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QuoteLine.class)))
    @APIResponse(responseCode = "400", description = "Invalid query, the problem names the parameter")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed to read prices")
    @APIResponse(responseCode = "404", description = "The ERP has no price record for this SKU")
    public QuoteLine price(@PathParam("sku") @Size(max = 64) String sku,
                           @QueryParam("customerId") @Size(max = 100) String customerId,
                           @QueryParam("channel") @NotBlank @Size(max = 60) String channel,
                           @QueryParam("quantity") @DefaultValue("1") @Size(max = 20) String quantity,
                           @QueryParam("currency") @NotBlank
                           @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
                           @QueryParam("unitOfMeasure") @Size(max = 20) String unitOfMeasure) {
        Currencies.require("currency", currency);
        QuoteLine line = quoting.priceOf(customerId, channel, currency, sku, positive("quantity", quantity),
                unitOfMeasure);
        if (line.unpriceableReason() == UnpriceableReason.UNKNOWN_SKU) {
            throw ProblemException.notFound("SKU price", sku);
        }
        return line;
    }

    /** Parsed here, not by JAX-RS, whose conversion failure on a query parameter would be a bare 404. */
    private static BigDecimal positive(String field, String value) {
        try {
            BigDecimal parsed = new BigDecimal(value);
            String unstorable = StorableValues.unstorable(parsed);
            if (unstorable != null) {
                throw ProblemException.invalidField(field, unstorable);
            }
            if (parsed.signum() > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(field, "must be a number, was " + value);
        }
        throw ProblemException.invalidField(field, "must be greater than 0");
    }
}
