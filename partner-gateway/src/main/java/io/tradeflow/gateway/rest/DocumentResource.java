package io.tradeflow.gateway.rest;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.tradeflow.gateway.repository.PartnerMessage;
import io.tradeflow.gateway.service.DocumentAcknowledgment;
import io.tradeflow.gateway.service.InboundDocuments;
import io.tradeflow.gateway.service.MessageLog;
import io.tradeflow.gateway.service.OutboundAcknowledgments;
import io.tradeflow.gateway.service.PartnerDirectory;
import io.tradeflow.gateway.service.PartnerWebhooks;
import io.tradeflow.platform.problem.ProblemException;

/**
 * The partner-facing endpoints, authenticated by the partner's own API key (not a JWT): send a document and
 * get its acknowledgment, pull the documents we sent.
 */
@Path("/api/v1/partners/{id}/documents")
@PermitAll
@Tag(name = "documents", description = "Partner documents in (X12, JSON) and out (855, 856, 810)")
@SecurityScheme(securitySchemeName = "partnerKey", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        apiKeyName = "X-API-Key", description = "The partner's API key, issued at onboarding or rotation")
@SecurityRequirement(name = "partnerKey")
public class DocumentResource {
    static final int DEFAULT_PAGE = 100;

    @Inject
    InboundDocuments inbound;
    @Inject
    PartnerDirectory partners;
    @Inject
    MessageLog log;
    @Inject
    PartnerWebhooks webhooks;
    @Inject
    OutboundAcknowledgments acknowledgments;

    @POST
    @Consumes({"application/edi-x12", "text/plain", "application/json"})
    @Operation(summary = "Send an X12 interchange or a JSON marketplace order; answered with its acknowledgment")
    @APIResponse(responseCode = "200", description = "A 997/999 or TA1 (X12), or a JSON acknowledgment")
    @APIResponse(responseCode = "400", description = "Not an X12 interchange or not JSON, or a charset the gateway does not read")
    @APIResponse(responseCode = "401", description = "Missing API key, or a key of another partner")
    @APIResponse(responseCode = "413", description = "Document larger than the gateway accepts")
    @APIResponse(responseCode = "415", description = "Unsupported content type")
    @APIResponse(responseCode = "422", description = "The partner's profile does not accept this kind of document (documentTypes, X12 profile)")
    @APIResponse(responseCode = "429", description = "Partner's rate limit reached; see Retry-After")
    public Uni<Response> send(@PathParam("id") String id, @HeaderParam("X-API-Key") String apiKey,
                              @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        return inbound.receive(id, apiKey, contentType, body).map(answer -> Response.ok(answer.body())
                .type(answer.mediaType()).header("X-Message-Id", answer.messageId())
                .header("X-Outcome", answer.outcome()).build());
    }

    /**
     * One outbound document as a partner pulls it: X12 for an EDI partner, JSON (a PartnerOrderUpdate) for a
     * marketplace or 3PL partner, as {@code mediaType} says; {@code push} is its webhook delivery state, if pushed.
     */
    public record OutboundDocument(long sequence, String messageId, String documentType, String mediaType,
                                   String interchangeControl,
                                   String orderKey, OffsetDateTime createdAt, String acknowledgmentStatus,
                                   String correlationId, PartnerWebhooks.Delivery push, String payload) {
    }

    @GET
    @Operation(summary = "Pull the documents sent to this partner (855, 856, 810), oldest first",
            description = "An EDI partner gets X12 interchanges; a marketplace or 3PL partner gets the same documents "
                    + "as JSON (PartnerOrderUpdate: status, what became of each line, shipment, invoice). "
                    + "mediaType says which.")
    @APIResponse(responseCode = "200", description = "Documents after the given sequence number or time")
    @APIResponse(responseCode = "400", description = "Bad direction or since")
    @APIResponse(responseCode = "401", description = "Missing API key, or a key of another partner")
    public Uni<List<OutboundDocument>> pull(@PathParam("id") String id, @HeaderParam("X-API-Key") String apiKey,
                                           @QueryParam("direction") @DefaultValue("outbound") String direction,
                                           @QueryParam("since") String since,
                                           @QueryParam("limit") @DefaultValue("100") Integer limit) {
        if (!"outbound".equalsIgnoreCase(direction)) {
            throw ProblemException.invalidField("direction", "partners pull outbound documents only");
        }
        Long afterSeq = null;
        OffsetDateTime sinceTime = null;
        if (since != null && !since.isBlank()) {
            if (since.matches("\\d{1,18}")) {
                afterSeq = Long.parseLong(since);
            } else {
                try {
                    sinceTime = OffsetDateTime.parse(since);
                } catch (DateTimeParseException e) {
                    throw ProblemException.invalidField("since", "must be a sequence number or an RFC 3339 time");
                }
            }
        }
        Long after = afterSeq;
        OffsetDateTime time = sinceTime;
        return partners.authenticate(id, apiKey).chain(partner -> log.list(id, "OUTBOUND", after, time, limit, true))
                .chain(messages -> webhooks.deliveries(messages.stream().map(m -> m.id).toList())
                        .map(pushes -> messages.stream().map(m -> view(m, pushes.get(m.id))).toList()));
    }

    @POST
    @Path("{messageId}/acknowledgment")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Acknowledge one of our outbound documents (a marketplace or 3PL partner's 997, in JSON)",
            description = "ACCEPTED or REJECTED with a reason. Expected of partners whose profile says acknowledgment "
                    + "JSON: until then the document is PENDING, and OVERDUE past sla.functionalAckMinutes. Sending "
                    + "the same answer again changes nothing; a different one is refused.")
    @APIResponse(responseCode = "200", description = "The document with its acknowledgmentStatus")
    @APIResponse(responseCode = "400", description = "Not JSON, missing or unknown status, reason too long")
    @APIResponse(responseCode = "401", description = "Missing API key, or a key of another partner")
    @APIResponse(responseCode = "404", description = "No outbound document of this partner has that id")
    @APIResponse(responseCode = "409", description = "The document was already acknowledged otherwise")
    @APIResponse(responseCode = "413", description = "Larger than any acknowledgment")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DocumentAcknowledgment.class)))
    public Uni<OutboundDocument> acknowledge(@PathParam("id") String id, @PathParam("messageId") String messageId,
                                             @HeaderParam("X-API-Key") String apiKey, byte[] acknowledgment) {
        // Read as bytes and parsed by the service after the key is checked: a malformed answer is audited too.
        return acknowledgments.acknowledge(id, apiKey, messageId, acknowledgment).map(m -> view(m, null));
    }

    private static OutboundDocument view(PartnerMessage m, PartnerWebhooks.Delivery push) {
        return new OutboundDocument(m.seq, m.id, m.documentType, m.contentType, m.interchangeControl, m.orderKey,
                m.receivedAt, m.ackStatus, m.correlationId, push, m.rawPayload);
    }
}
