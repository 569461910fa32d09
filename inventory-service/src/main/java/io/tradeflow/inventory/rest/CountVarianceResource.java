package io.tradeflow.inventory.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;
import io.tradeflow.inventory.service.CountVariances;
import io.tradeflow.platform.security.Roles;

@Path("/api/v1/count-variances")
@RolesAllowed({Roles.OPERATIONS, Roles.SERVICE})
public class CountVarianceResource {
    @Inject
    CountVariances variances;

    @GET
    @Operation(summary = "Cycle counts whose expected quantity differed from ours, newest first")
    @APIResponse(responseCode = "200", description = "Variances, optionally for one SKU")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    public Uni<List<CountVariances.View>> list(@QueryParam("sku") String sku) {
        return variances.list(sku);
    }
}
