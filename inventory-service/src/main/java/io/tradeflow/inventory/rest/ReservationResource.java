package io.tradeflow.inventory.rest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.inventory.ReservationOutcome;
import io.tradeflow.contracts.inventory.ReservationPolicy;
import io.tradeflow.contracts.inventory.ReservationRequest;
import io.tradeflow.contracts.inventory.ReservationStatus;
import io.tradeflow.contracts.inventory.ShipmentCommit;
import io.tradeflow.inventory.service.ReservationDesk;
import io.tradeflow.inventory.service.ReservationRelease;
import io.tradeflow.inventory.service.ReservationRenewal;
import io.tradeflow.inventory.service.ReservationShipments;
import io.tradeflow.platform.problem.Problems;
import io.tradeflow.platform.security.Roles;

@Path("/api/v1/reservations")
@RolesAllowed({Roles.SERVICE, Roles.OPERATIONS})
public class ReservationResource {
    @Inject
    ReservationDesk desk;
    @Inject
    ReservationRelease release;
    @Inject
    ReservationShipments shipments;
    @Inject
    ReservationRenewal renewal;

    public record LineBody(@NotBlank String sku, @NotNull @Positive BigDecimal quantity) {
    }

    public record ReservationBody(@NotBlank @Size(max = 100) String reservationId, @NotBlank String orderId,
                                  @NotBlank String channel, @NotNull ReservationPolicy policy,
                                  @Positive @Max(604800) Integer ttlSeconds,
                                  @NotEmpty @Size(max = 500) List<@Valid @NotNull LineBody> lines) {
    }

    @POST
    @Operation(summary = "Hold stock for an order; the same reservationId always returns the same outcome")
    @APIResponse(responseCode = "201", description = "Held in full, or in part with the rest backordered (PARTIAL)")
    @APIResponse(responseCode = "400", description = "Invalid request: the problem names the field")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "409", description = "ALL_OR_NOTHING could not be met: type ends insufficient-stock, "
            + "shortfall per line, nothing held")
    public Uni<Response> reserve(@NotNull @Valid ReservationBody body) {
        ReservationRequest request = new ReservationRequest(body.reservationId(), body.orderId(), body.channel(),
                body.policy(), body.ttlSeconds(),
                body.lines().stream().map(l -> new ReservationRequest.Line(l.sku(), l.quantity())).toList());
        return desk.reserve(request).map(ReservationResource::answer);
    }

    /** One shipment's goods; the shipment id makes a repeat harmless. */
    public record ShipmentBody(@NotBlank @Size(max = 64) String shipmentId, @Size(max = 40) String location,
                               @NotEmpty @Size(max = 500) List<@Valid @NotNull LineBody> lines) {
    }

    @POST
    @Path("/{id}/commit")
    @Operation(summary = "Goods shipped: every unit still held leaves, on hand and reserved both go down")
    @APIResponse(responseCode = "200", description = "Committed (repeating is harmless)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown reservation")
    @APIResponse(responseCode = "409", description = "Already released, expired or refused")
    public Uni<ReservationOutcome> commit(@PathParam("id") String id) {
        return release.commit(id);
    }

    @POST
    @Path("/{id}/commit")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "One shipment's goods left: only its lines are committed, the rest stays held",
            description = "For orders that leave in several shipments. The ship-from location's hold is taken "
                    + "first; units beyond the hold (a backorder filled later) leave that location's free stock.")
    @APIResponse(responseCode = "200", description = "Committed (repeating a shipment id is harmless)")
    @APIResponse(responseCode = "400", description = "Invalid shipment: the problem names the field")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown reservation")
    @APIResponse(responseCode = "409", description = "Released, expired or refused; or units beyond the hold "
            + "that the location's free stock cannot cover (type ends shipment-exceeds-stock)")
    public Uni<ReservationOutcome> commitShipment(@PathParam("id") String id, @NotNull @Valid ShipmentBody shipment) {
        return shipments.commit(id, new ShipmentCommit(shipment.shipmentId(), shipment.location(),
                shipment.lines().stream().map(l -> new ShipmentCommit.Line(l.sku(), l.quantity())).toList()));
    }

    /** How long from now the hold should last; the same seven-day cap as a new hold. */
    public record RenewalBody(@NotNull @Positive @Max(604800) Integer ttlSeconds) {
    }

    @POST
    @Path("/{id}/renewal")
    @Operation(summary = "Keep a hold for longer: it now expires ttlSeconds from now, never earlier than before",
            description = "For orders dated beyond the seven days a hold may last: the orchestrator renews the hold "
                    + "while the order waits for the warehouse. Availability does not change, so nothing is published.")
    @APIResponse(responseCode = "200", description = "The hold with its new expiry (repeating is harmless)")
    @APIResponse(responseCode = "400", description = "ttlSeconds missing, not positive or over 604800")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown reservation")
    @APIResponse(responseCode = "409", description = "Not held any more: type ends reservation-committed, "
            + "reservation-released or reservation-expired")
    public Uni<ReservationOutcome> renew(@PathParam("id") String id, @NotNull @Valid RenewalBody body) {
        return renewal.renew(id, body.ttlSeconds());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Release the hold: the stock becomes available again")
    @APIResponse(responseCode = "200", description = "Released (repeating is harmless)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown reservation")
    @APIResponse(responseCode = "409", description = "Already committed (shipped)")
    public Uni<ReservationOutcome> release(@PathParam("id") String id) {
        return release.release(id);
    }

    static Response answer(ReservationOutcome outcome) {
        if (outcome.status() == ReservationStatus.INSUFFICIENT_STOCK) {
            return Problems.response(409, "insufficient-stock", "Insufficient stock",
                    "Not enough stock to hold every line; nothing was held",
                    List.of(), Map.of("reservationId", outcome.reservationId(), "shortfall", outcome.lines()));
        }
        return Response.status(201).entity(outcome).build();
    }
}
