package io.tradeflow.inventory.rest;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.inventory.StockMovement;
import io.tradeflow.contracts.json.StorableValues;
import io.tradeflow.inventory.service.MovementIntake;
import io.tradeflow.platform.problem.ProblemException;
import io.tradeflow.platform.security.Roles;

/** Movements over REST for warehouses that cannot produce to Kafka: same validation, dedup and effect. */
@Path("/api/v1/movements")
@RolesAllowed({Roles.SERVICE, Roles.OPERATIONS})
public class MovementResource {
    static final int MAX_BATCH = 1000;

    @Inject
    MovementIntake intake;
    @Inject
    ObjectMapper mapper;

    public record MovementOutcome(String movementId, boolean applied) {
    }

    @POST
    @Operation(summary = "Record one warehouse movement (a JSON object) or a batch (a JSON array, all or nothing)")
    @APIResponse(responseCode = "202", description = "Applied, or recognised as a repeat of the same Idempotency-Key")
    @APIResponse(responseCode = "400", description = "Invalid movement: the problem names the field")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    public Uni<Response> record(@HeaderParam("Idempotency-Key") String idempotencyKey, JsonNode body) {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 150) {
            throw ProblemException.invalidField("Idempotency-Key", "header is required (at most 150 characters)");
        }
        if (body == null || !(body.isObject() || body.isArray())) {
            throw ProblemException.invalidField("body", "must be a movement object or an array of movements");
        }
        String base = "rest:" + idempotencyKey;
        if (body.isObject()) {
            return intake.apply(base, read(body, "")).map(applied ->
                    Response.accepted(new MovementOutcome(base, applied)).build());
        }
        if (body.size() == 0 || body.size() > MAX_BATCH) {
            throw ProblemException.invalidField("body", "a batch holds 1 to " + MAX_BATCH + " movements");
        }
        List<String> ids = new ArrayList<>();
        List<StockMovement> movements = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            ids.add(base + ":" + i);
            movements.add(read(body.get(i), "[" + i + "]."));
        }
        return intake.applyAll(ids, movements).map(applied -> {
            List<MovementOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                outcomes.add(new MovementOutcome(ids.get(i), applied.get(i)));
            }
            return Response.accepted(outcomes).build();
        });
    }

    private StockMovement read(JsonNode node, String prefix) {
        try {
            return mapper.treeToValue(node, StockMovement.class);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            String field = e.getPath().isEmpty() ? "body" : e.getPath().get(e.getPath().size() - 1).getFieldName();
            throw ProblemException.invalidField(prefix + field,
                    e instanceof StorableValues.UnstorableValueException refused ? refused.reason()
                            : "has the wrong type or an unknown value");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ProblemException.invalidField(prefix + "body", "is not a valid movement");
        }
    }
}
