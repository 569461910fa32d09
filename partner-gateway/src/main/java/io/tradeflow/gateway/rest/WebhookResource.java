package io.tradeflow.gateway.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.tradeflow.gateway.service.PartnerWebhooks;
import io.tradeflow.gateway.service.WebhookRegistration;
import io.tradeflow.platform.security.Roles;

/** Where a partner's outbound documents are pushed (in addition to pull), for partner administrators. */
@Path("/api/v1/partners/{id}/webhook")
@RolesAllowed(Roles.PARTNER_ADMIN)
@Tag(name = "partners", description = "Trading partner profiles and credentials")
public class WebhookResource {
    @Inject
    PartnerWebhooks webhooks;

    @PUT
    @Operation(summary = "Register or replace the partner's webhook; new outbound documents are pushed to it, "
            + "signed with HMAC-SHA256 (X-Tradeflow-Signature) when a secret is given")
    @APIResponse(responseCode = "200", description = "The webhook (the secret is never shown)")
    @APIResponse(responseCode = "400", description = "Bad URL or secret: the problem names the field")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such partner")
    public Uni<PartnerWebhooks.Webhook> register(@PathParam("id") String id,
                                                 @Valid @NotNull WebhookRegistration registration) {
        return webhooks.register(id, registration);
    }

    @GET
    @Operation(summary = "The partner's webhook with its circuit state and push counts")
    @APIResponse(responseCode = "200", description = "The webhook")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such partner, or no webhook registered")
    public Uni<PartnerWebhooks.Webhook> get(@PathParam("id") String id) {
        return webhooks.get(id);
    }

    @DELETE
    @Operation(summary = "Stop pushing; undelivered documents stay available to pull")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such partner")
    public Uni<Response> remove(@PathParam("id") String id) {
        return webhooks.remove(id).map(ignored -> Response.noContent().build());
    }
}
