package io.tradeflow.gateway.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.tradeflow.gateway.service.PartnerCredentials;
import io.tradeflow.gateway.service.PartnerDirectory;
import io.tradeflow.gateway.service.PartnerProfile;
import io.tradeflow.platform.security.Roles;

/** Partner onboarding for partner administrators: profiles and API keys (each key shown once). */
@Path("/api/v1/partners")
@RolesAllowed(Roles.PARTNER_ADMIN)
@Tag(name = "partners", description = "Trading partner profiles and credentials")
public class PartnerResource {
    @Inject
    PartnerDirectory directory;

    @POST
    @Operation(summary = "Onboard a partner; the answer holds its API key, shown only this once")
    @APIResponse(responseCode = "201", description = "Created, with the API key")
    @APIResponse(responseCode = "400", description = "Invalid profile: the problem names the field")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "409", description = "A partner with this id exists")
    public Uni<Response> create(@Valid @NotNull PartnerProfile profile) {
        return directory.create(profile).map(created -> Response.status(201)
                .header("Location", "/api/v1/partners/" + profile.id()).entity(created).build());
    }

    @GET
    @Operation(summary = "List partners")
    @APIResponse(responseCode = "200", description = "All partner profiles")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    public Uni<List<PartnerProfile>> list() {
        return directory.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A partner's profile")
    @APIResponse(responseCode = "200", description = "The profile")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such partner")
    public Uni<PartnerProfile> get(@PathParam("id") String id) {
        return directory.get(id);
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace a partner's profile (its API key is unchanged)")
    @APIResponse(responseCode = "200", description = "The updated profile")
    @APIResponse(responseCode = "400", description = "Invalid profile: the problem names the field")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such partner")
    public Uni<PartnerProfile> update(@PathParam("id") String id, @Valid @NotNull PartnerProfile profile) {
        return directory.update(id, profile);
    }

    @POST
    @Path("/{id}/api-key")
    @Operation(summary = "Rotate a partner's API key; the old key stops working at once")
    @APIResponse(responseCode = "200", description = "The new API key, shown only this once")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such partner")
    public Uni<PartnerCredentials> rotateKey(@PathParam("id") String id) {
        return directory.rotateKey(id);
    }
}
