package io.tradeflow.inventory.rest;

import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;
import io.tradeflow.inventory.service.AvailabilityQuery;
import io.tradeflow.inventory.service.AvailabilityQuery.SkuAvailability;
import io.tradeflow.platform.problem.ProblemException;
import io.tradeflow.platform.security.Roles;

@Path("/api/v1/availability")
@RolesAllowed({Roles.STOREFRONT, Roles.CRM, Roles.SERVICE, Roles.OPERATIONS})
public class AvailabilityResource {
    static final int MAX_SKUS = 500;

    @Inject
    AvailabilityQuery query;

    @GET
    @Path("/{sku}")
    @Operation(summary = "Available-to-promise of one SKU on a channel, with the per-location figures")
    @APIResponse(responseCode = "200", description = "Availability (zero for a SKU never stocked)")
    @APIResponse(responseCode = "400", description = "Missing channel")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    public Uni<SkuAvailability> one(@PathParam("sku") String sku, @QueryParam("channel") String channel) {
        return query.of(List.of(sku), requireChannel(channel)).map(list -> list.get(0));
    }

    @GET
    @Operation(summary = "Available-to-promise of up to 500 SKUs on a channel")
    @APIResponse(responseCode = "200", description = "One entry per requested SKU, in request order")
    @APIResponse(responseCode = "400", description = "Missing channel or skus, or more than 500 SKUs")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    public Uni<List<SkuAvailability>> many(@QueryParam("skus") String skus, @QueryParam("channel") String channel) {
        if (skus == null || skus.isBlank()) {
            throw ProblemException.invalidField("skus", "is required: a comma-separated list of SKUs");
        }
        List<String> list = Arrays.stream(skus.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .distinct().toList();
        if (list.size() > MAX_SKUS) {
            throw ProblemException.invalidField("skus", "at most " + MAX_SKUS + " SKUs per request");
        }
        return query.of(list, requireChannel(channel));
    }

    private static String requireChannel(String channel) {
        if (channel == null || channel.isBlank()) {
            throw ProblemException.invalidField("channel", "is required (storefront, crm, partner, ...)");
        }
        return channel;
    }
}
