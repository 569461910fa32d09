package io.tradeflow.orders.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.tradeflow.orders.service.ExceptionBoard;
import io.tradeflow.platform.problem.Problem;
import io.tradeflow.platform.security.Roles;

@Path("/api/v1/exceptions")
@Tag(name = "exceptions", description = "Stuck orders by business impact")
@Produces(MediaType.APPLICATION_JSON)
public class ExceptionResource {
    private final ExceptionBoard board;

    ExceptionResource(ExceptionBoard board) {
        this.board = board;
    }

    @GET
    @RolesAllowed({Roles.OPERATIONS, Roles.CRM})
    @Operation(summary = "What is stuck, why, and how much order value waits on it, costliest first")
    @APIResponse(responseCode = "200", description = "The exceptions",
            content = @Content(schema = @Schema(implementation = ExceptionBoard.Board.class)))
    @APIResponse(responseCode = "400", description = "Invalid limit", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<ExceptionBoard.Board> board(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(200) Integer limit) {
        return board.board(limit);
    }
}
