package io.tradeflow.inventory.rest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;
import io.tradeflow.inventory.service.MovementIntake;
import io.tradeflow.platform.problem.ProblemException;
import io.tradeflow.platform.security.Roles;

@Path("/api/v1/movements")
@RolesAllowed({Roles.SERVICE, Roles.OPERATIONS})
public class MovementResource {
    @Inject
    MovementIntake intake;

    public record MovementBody(@NotBlank String sku, @NotBlank String location, @NotNull @Positive BigDecimal quantity,
                               OffsetDateTime occurredAt) {
    }

    public record MovementOutcome(String movementId, boolean applied) {
    }

    @POST
    @Operation(summary = "Record a warehouse movement for warehouses that cannot produce to Kafka")
    @APIResponse(responseCode = "202", description = "Applied, or recognised as a repeat of the same Idempotency-Key")
    @APIResponse(responseCode = "400", description = "Invalid movement")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    public Uni<Response> record(@HeaderParam("Idempotency-Key") String idempotencyKey,
                                @NotNull @Valid MovementBody body) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw ProblemException.invalidField("Idempotency-Key", "header is required");
        }
        OffsetDateTime occurredAt = body.occurredAt() == null ? OffsetDateTime.now() : body.occurredAt();
        return intake.receipt("rest:" + idempotencyKey, body.sku(), body.location(), body.quantity(), occurredAt)
                .map(applied -> Response.accepted(new MovementOutcome("rest:" + idempotencyKey, applied)).build());
    }
}
