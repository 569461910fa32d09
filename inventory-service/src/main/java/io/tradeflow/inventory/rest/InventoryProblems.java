package io.tradeflow.inventory.rest;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.tradeflow.inventory.service.InvalidMovementException;
import io.tradeflow.platform.problem.Problem;
import io.tradeflow.platform.problem.Problems;

/** Inventory refusals as problem+json. */
public class InventoryProblems {

    @ServerExceptionMapper
    public Response invalidMovement(InvalidMovementException e) {
        return Problems.response(400, "invalid-movement", "Invalid movement", e.getMessage(),
                List.of(new Problem.FieldError(e.field(), e.getMessage())), Map.of());
    }
}
