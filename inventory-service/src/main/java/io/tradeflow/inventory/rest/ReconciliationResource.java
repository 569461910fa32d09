package io.tradeflow.inventory.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;
import io.tradeflow.inventory.service.ReconciliationReport;
import io.tradeflow.inventory.service.StockRebuild;
import io.tradeflow.platform.security.Roles;

@Path("/api/v1")
@RolesAllowed(Roles.OPERATIONS)
public class ReconciliationResource {
    @Inject
    ReconciliationReport reports;
    @Inject
    StockRebuild rebuild;

    @GET
    @Path("/reconciliation/latest")
    @Operation(summary = "Drift per SKU between the latest ERP snapshot of each location and our stock at that time")
    @APIResponse(responseCode = "200", description = "One report per location that sent a snapshot")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an operations token")
    public Uni<List<ReconciliationReport.LocationReport>> latest() {
        return reports.latest();
    }

    @POST
    @Path("/stock/rebuild")
    @Operation(summary = "Recompute stock from the movement log and open reservations; report differences, change nothing")
    @APIResponse(responseCode = "200", description = "The differences between stored and rebuilt stock (empty when consistent)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an operations token")
    public Uni<StockRebuild.Report> rebuild() {
        return rebuild.check();
    }
}
