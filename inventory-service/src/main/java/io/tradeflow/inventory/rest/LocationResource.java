package io.tradeflow.inventory.rest;

import java.math.BigDecimal;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;
import io.tradeflow.inventory.service.LocationCatalog;
import io.tradeflow.platform.problem.ProblemException;
import io.tradeflow.platform.security.Roles;

@Path("/api/v1/locations")
@RolesAllowed(Roles.OPERATIONS)
public class LocationResource {
    @Inject
    LocationCatalog catalog;

    public record LocationBody(@NotBlank @Size(max = 200) String name,
                               @NotEmpty List<@NotBlank String> channels,
                               @PositiveOrZero BigDecimal safetyStock) {
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Create or update a location and the channels it serves",
            description = "A change of channels or safety stock republishes the availability of every SKU held there")
    @APIResponse(responseCode = "200", description = "The location as stored")
    @APIResponse(responseCode = "400", description = "Invalid location")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an operations token")
    public Uni<LocationCatalog.Site> put(@PathParam("id") @Size(max = 40) String id, @NotNull @Valid LocationBody body) {
        return catalog.upsert(id, body.name(), body.channels(), body.safetyStock());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A location and the channels it serves")
    @APIResponse(responseCode = "200", description = "The location")
    @APIResponse(responseCode = "404", description = "No location with this id")
    public Uni<LocationCatalog.Site> get(@PathParam("id") @Size(max = 40) String id) {
        return catalog.find(id).map(site -> {
            if (site == null) {
                throw ProblemException.notFound("Location", id);
            }
            return site;
        });
    }

    @GET
    @Operation(summary = "Every location and the channels each serves, by id")
    @APIResponse(responseCode = "200", description = "The locations")
    public Uni<List<LocationCatalog.Site>> list() {
        return catalog.all();
    }
}
