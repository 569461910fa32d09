package io.tradeflow.orders.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.inventory.HoldRenewal;
import io.tradeflow.contracts.inventory.ReservationRequest;
import io.tradeflow.contracts.inventory.ShipmentCommit;

/** inventory-service's reservations ({@code quarkus.rest-client.inventory.url}); the reservation id is the order id. */
@RegisterRestClient(configKey = "inventory")
@RegisterClientHeaders(ServiceHeaders.class)
@RegisterProvider(RefusalMapper.class)
@Path("/api/v1/reservations")
public interface InventoryApi {
    @POST
    Uni<JsonNode> reserve(ReservationRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey,
                          @HeaderParam("X-Correlation-Id") String correlationId);

    @POST
    @Path("/{id}/commit")
    Uni<String> commit(@PathParam("id") String reservationId, @HeaderParam("X-Correlation-Id") String correlationId);

    @POST
    @Path("/{id}/commit")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<String> commitShipment(@PathParam("id") String reservationId, ShipmentCommit shipment,
                               @HeaderParam("X-Correlation-Id") String correlationId);

    @POST
    @Path("/{id}/renewal")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<JsonNode> renew(@PathParam("id") String reservationId, HoldRenewal renewal,
                        @HeaderParam("X-Correlation-Id") String correlationId);

    @DELETE
    @Path("/{id}")
    Uni<String> release(@PathParam("id") String reservationId, @HeaderParam("X-Correlation-Id") String correlationId);
}
