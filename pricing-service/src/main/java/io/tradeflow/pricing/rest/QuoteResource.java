package io.tradeflow.pricing.rest;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.pricing.Quote;
import io.tradeflow.contracts.pricing.QuoteRequest;
import io.tradeflow.pricing.service.Quoting;
import io.tradeflow.platform.problem.ProblemException;
import io.tradeflow.platform.security.Roles;

@Path("/api/v1/quotes")
@RolesAllowed({Roles.STOREFRONT, Roles.CRM, Roles.SERVICE, Roles.OPERATIONS})
public class QuoteResource {
    @Inject
    Quoting quoting;
    @Inject
    Validator validator;

    /** The basket to quote; {@code currency} is an ISO 4217 code. */
    public record QuoteBody(@NotBlank @Size(max = 100) String customerId, @NotBlank @Size(max = 60) String channel,
                            @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
                            @NotEmpty @Size(max = 500) List<@NotNull @Valid LineBody> lines) {

        /**
         * The constraints above, checked by hand. Bean Validation of a 10-line basket walks ~60 constraints through
         * reflection and builds a path per node, a measurable share of a quote; a basket passing this check would
         * pass them too (QuoteBodyCheckTest holds the two in step), and one failing it is handed to the Validator,
         * so refusals still name every field and reason exactly as Bean Validation words them.
         */
        boolean obviouslyValid() {
            if (!text(customerId, 100) || !text(channel, 60) || !text(currency, 3) || currency.length() != 3
                    || lines == null || lines.isEmpty() || lines.size() > 500) {
                return false;
            }
            for (int i = 0; i < 3; i++) {
                char c = currency.charAt(i);
                if (c < 'A' || c > 'Z') {
                    return false;
                }
            }
            for (LineBody line : lines) {
                if (line == null || !text(line.sku(), 64) || line.quantity() == null || line.quantity().signum() <= 0
                        || (line.unitOfMeasure() != null && line.unitOfMeasure().length() > 20)) {
                    return false;
                }
            }
            return true;
        }

        /** @NotBlank and @Size(max): not null, not only whitespace (as String.trim sees it), at most max chars. */
        private static boolean text(String value, int max) {
            return value != null && value.length() <= max && !value.trim().isEmpty();
        }
    }

    /** One requested line; {@code unitOfMeasure} defaults to the unit the ERP prices the SKU in. */
    public record LineBody(@NotBlank @Size(max = 64) String sku, @NotNull @Positive BigDecimal quantity,
                           @Size(max = 20) String unitOfMeasure) {
    }

    @POST
    @Operation(summary = "Quote a basket for a customer and channel by the ERP's rules; the quote is kept")
    @APIResponse(responseCode = "201", description = "The quote; unpriceable lines carry their reason",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Quote.class)))
    @APIResponse(responseCode = "400", description = "Invalid request, the problem names the field")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed to quote")
    public Uni<Response> create(QuoteBody body) {
        if (body == null) {
            throw ProblemException.invalidField("body", "must not be null");
        }
        if (!body.obviouslyValid()) {
            Set<ConstraintViolation<QuoteBody>> violations = validator.validate(body);
            if (!violations.isEmpty()) {
                throw new ConstraintViolationException(violations);
            }
        }
        Currencies.require("currency", body.currency());
        QuoteRequest request = new QuoteRequest(body.customerId(), body.channel(), body.currency(),
                body.lines().stream().map(l -> new QuoteRequest.Line(l.sku(), l.quantity(), l.unitOfMeasure())).toList());
        return quoting.quote(request).map(kept -> Response.created(URI.create("/api/v1/quotes/" + kept.id()))
                .entity(kept.body()).type(MediaType.APPLICATION_JSON_TYPE).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A kept quote, exactly as it was returned")
    @APIResponse(responseCode = "200", description = "The quote",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Quote.class)))
    @APIResponse(responseCode = "400", description = "Invalid quote id")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed to read quotes")
    @APIResponse(responseCode = "404", description = "No quote with this id")
    public Uni<Quote> get(@PathParam("id") @Size(max = 40) String id) {
        return quoting.find(id);
    }
}
