package io.tradeflow.orders.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.tradeflow.orders.service.OrderQueries;
import io.tradeflow.platform.problem.Problem;
import io.tradeflow.platform.security.Roles;

@Path("/api/v1/customers")
@Tag(name = "customers", description = "Customer summary for CRM reps")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {
    private final OrderQueries queries;

    CustomerResource(OrderQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/{id}/summary")
    @RolesAllowed({Roles.CRM, Roles.OPERATIONS})
    @Operation(summary = "Credit status and open orders of a customer, from local state")
    @APIResponse(responseCode = "200", description = "The summary",
            content = @Content(schema = @Schema(implementation = OrderQueries.CustomerSummary.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "Customer unknown", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<OrderQueries.CustomerSummary> summary(@PathParam("id") String id) {
        return queries.customer(id);
    }
}
