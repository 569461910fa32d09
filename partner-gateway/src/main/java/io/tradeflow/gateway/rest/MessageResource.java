package io.tradeflow.gateway.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.tradeflow.gateway.repository.PartnerMessage;
import io.tradeflow.gateway.service.InboundDocuments;
import io.tradeflow.gateway.service.MessageLog;
import io.tradeflow.gateway.service.PartnerWebhooks;
import io.tradeflow.platform.problem.ProblemException;
import io.tradeflow.platform.security.Roles;

/** The message audit trail for partner administrators and operations, and replay of archived interchanges. */
@Path("/api/v1/partners/{id}/messages")
@RolesAllowed({Roles.PARTNER_ADMIN, Roles.OPERATIONS})
@Tag(name = "messages", description = "Audit trail of every partner message, and replay")
public class MessageResource {
    @Inject
    MessageLog log;
    @Inject
    InboundDocuments inbound;
    @Inject
    PartnerWebhooks webhooks;

    /** One audited message with everything needed to understand what happened to it. */
    public record AuditedMessage(long sequence, String id, String direction, String documentType,
                                 String correlationId, String replayOf, String interchangeControl,
                                 String groupControl, String orderKey, String outcome, String flags,
                                 OffsetDateTime receivedAt, OffsetDateTime completedAt, long durationMicros,
                                 String acknowledgmentStatus, OffsetDateTime acknowledgmentDueAt,
                                 PartnerWebhooks.Delivery push, String rawPayload, String parseResult,
                                 String acknowledgment) {
        static AuditedMessage of(PartnerMessage m, Map<String, PartnerWebhooks.Delivery> pushes) {
            return new AuditedMessage(m.seq, m.id, m.direction, m.documentType, m.correlationId, m.replayOf,
                    m.interchangeControl, m.groupControl, m.orderKey, m.outcome, m.flags, m.receivedAt,
                    m.completedAt, m.durationMicros, m.ackStatus, m.ackDueAt, pushes.get(m.id), m.rawPayload,
                    m.parseResult, m.acknowledgment);
        }
    }

    @GET
    @Operation(summary = "A partner's messages, newest first")
    @APIResponse(responseCode = "200", description = "Audited messages with raw payload, parse result and acknowledgment")
    @APIResponse(responseCode = "400", description = "Bad direction")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    public Uni<List<AuditedMessage>> list(@PathParam("id") String id, @QueryParam("direction") String direction,
                                          @QueryParam("limit") @DefaultValue("50") Integer limit) {
        String normalized = direction == null ? null : direction.toUpperCase();
        if (normalized != null && !normalized.equals("INBOUND") && !normalized.equals("OUTBOUND")) {
            throw ProblemException.invalidField("direction", "must be inbound or outbound");
        }
        return log.list(id, normalized, null, null, limit, false)
                .chain(messages -> webhooks.deliveries(messages.stream().map(m -> m.id).toList())
                        .map(pushes -> messages.stream().map(m -> AuditedMessage.of(m, pushes)).toList()));
    }

    @GET
    @Path("/{messageId}")
    @Operation(summary = "One audited message")
    @APIResponse(responseCode = "200", description = "The message")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such message for this partner")
    public Uni<AuditedMessage> get(@PathParam("id") String id, @PathParam("messageId") String messageId) {
        return log.get(id, messageId).chain(m -> webhooks.deliveries(List.of(m.id))
                .map(pushes -> AuditedMessage.of(m, pushes)));
    }

    @POST
    @Path("/{messageId}/replay")
    @Operation(summary = "Process an archived inbound message again under a new correlation id")
    @APIResponse(responseCode = "200", description = "The new acknowledgment; X-Message-Id names the new message")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such message for this partner")
    @APIResponse(responseCode = "409", description = "Outbound messages cannot be replayed")
    public Uni<Response> replay(@PathParam("id") String id, @PathParam("messageId") String messageId) {
        return inbound.replay(id, messageId).map(answer -> Response.ok(answer.body()).type(answer.mediaType())
                .header("X-Message-Id", answer.messageId()).header("X-Outcome", answer.outcome()).build());
    }
}
