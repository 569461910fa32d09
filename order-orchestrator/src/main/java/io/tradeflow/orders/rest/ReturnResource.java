package io.tradeflow.orders.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.tradeflow.orders.service.ReturnAuthorisation;
import io.tradeflow.orders.service.ReturnDesk;
import io.tradeflow.platform.problem.Problem;
import io.tradeflow.platform.problem.ProblemException;
import io.tradeflow.platform.security.Roles;

@Path("/api/v1/returns")
@Tag(name = "returns", description = "Return to credit: authorise a return, followed on the order")
@Produces(MediaType.APPLICATION_JSON)
public class ReturnResource {
    private final ReturnDesk desk;

    ReturnResource(ReturnDesk desk) {
        this.desk = desk;
    }

    /** The answer: the RMA number to give the customer, and where the return is followed (the order). */
    public record Authorised(String returnId, String orderId, String state, List<ReturnAuthorisation.Line> lines,
                             String statusUrl) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CRM, Roles.OPERATIONS})
    @Operation(summary = "Authorise a return of shipped goods (an RMA)",
            description = "The warehouse checks the goods in on wms.shipments, the ERP is then asked for the credit "
                    + "memo; the order's status page shows the return. The same Idempotency-Key returns the same RMA.")
    @APIResponse(responseCode = "201", description = "Return authorised",
            content = @Content(schema = @Schema(implementation = Authorised.class)))
    @APIResponse(responseCode = "200", description = "Authorised before with this Idempotency-Key",
            content = @Content(schema = @Schema(implementation = Authorised.class)))
    @APIResponse(responseCode = "400", description = "Invalid return, or more than can still be returned",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "Unknown order", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "The order has not shipped, or the Idempotency-Key was used "
            + "for other lines", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Response> authorise(@HeaderParam("Idempotency-Key") String idempotencyKey,
                                   @NotNull @Valid ReturnRequest request) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw ProblemException.invalidField("Idempotency-Key", "must be 1 to 200 characters when given");
        }
        return desk.authorise(request.orderId(), idempotencyKey, request.reason(), request.requested())
                .map(a -> Response.status(a.created() ? 201 : 200)
                        .entity(new Authorised(a.rma().returnId(), a.orderId(), a.rma().state(), a.rma().lines(),
                                "/api/v1/orders/" + a.orderId()))
                        .location(java.net.URI.create("/api/v1/orders/" + a.orderId())).build());
    }
}
