package io.tradeflow.gateway.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.tradeflow.gateway.repository.Partner;
import io.tradeflow.platform.correlation.CorrelationIds;
import io.tradeflow.platform.outbox.OutboxRelay;
import io.tradeflow.platform.problem.Problem;
import io.tradeflow.platform.problem.ProblemException;

/**
 * The front door for partner documents: the partner's own key, the payload size limit, the shared rate
 * limit, then X12 or JSON intake by content type. Also replays an archived interchange.
 */
@ApplicationScoped
public class InboundDocuments {
    @Inject
    PartnerDirectory partners;
    @Inject
    RateLimiter rateLimiter;
    @Inject
    X12Intake x12;
    @Inject
    MarketplaceIntake marketplace;
    @Inject
    MessageLog log;
    @Inject
    OutboxRelay relay;

    /** Largest accepted document in bytes (declared in application.properties). */
    @ConfigProperty(name = "tradeflow.gateway.max-payload-bytes")
    int maxPayloadBytes;

    /** {@code body} as sent: decoded (PartnerDocumentText) once the partner is known and the size is allowed. */
    public Uni<DocumentAnswer> receive(String partnerId, String apiKey, String contentType, byte[] body) {
        long start = System.nanoTime();
        OffsetDateTime receivedAt = OffsetDateTime.now();
        return partners.authenticate(partnerId, apiKey).chain(partner -> {
            checkSize(body == null ? 0 : body.length);
            String payload = PartnerDocumentText.decode(body, contentType);
            return rateLimiter.admit(partner).chain(() -> dispatch(partner, contentType, payload, null, receivedAt,
                    start));
        });
    }

    /** Processes an archived inbound message again under a new correlation id linked to the original. */
    public Uni<DocumentAnswer> replay(String partnerId, String messageId) {
        long start = System.nanoTime();
        OffsetDateTime receivedAt = OffsetDateTime.now();
        return log.get(partnerId, messageId).chain(original -> {
            if (!"INBOUND".equals(original.direction)) {
                throw ProblemException.conflict("not-replayable", "only inbound messages can be replayed");
            }
            if (OutboundAcknowledgments.DOCUMENT_TYPE.equals(original.documentType)) {
                throw ProblemException.conflict("not-replayable", "an acknowledgment of our document is no order; "
                        + "the partner sends it again if it must");
            }
            CorrelationIds.adopt(null);
            return io.quarkus.hibernate.reactive.panache.Panache
                    .withSession(() -> Partner.<Partner>findById(partnerId))
                    .chain(partner -> dispatch(partner, original.contentType, original.rawPayload, original.id,
                            receivedAt, start));
        });
    }

    private Uni<DocumentAnswer> dispatch(Partner partner, String contentType, String payload, String replayOf,
                                         OffsetDateTime receivedAt, long start) {
        String type = contentType == null ? "" : contentType.toLowerCase();
        Uni<DocumentAnswer> answer;
        if (type.startsWith("application/json")) {
            if (!Set.of(partner.documentTypes.split(",")).contains("JSON_ORDER")) {
                throw notAccepted("JSON marketplace orders (JSON_ORDER)");
            }
            answer = marketplace.receive(partner, payload, replayOf, receivedAt, start);
        } else if (type.startsWith(X12Intake.MEDIA_TYPE) || type.startsWith("text/plain")) {
            if (partner.senderId == null || partner.receiverId == null) {
                throw notAccepted("X12 (the profile has no X12 sender and receiver)");
            }
            answer = x12.receive(partner, payload, X12Intake.MEDIA_TYPE, replayOf, receivedAt, start);
        } else {
            throw new ProblemException(415, "unsupported-media-type", "Unsupported media type",
                    "send X12 as application/edi-x12 or text/plain, marketplace orders as application/json");
        }
        return answer.invoke(() -> relay.wakeUp());
    }

    /** The partner's profile does not take this kind of document: refused whole, as a field of the profile. */
    private static ProblemException notAccepted(String what) {
        return new ProblemException(422, "document-type-not-accepted", "Document type not accepted",
                "this partner's profile does not accept " + what,
                List.of(new Problem.FieldError("documentTypes", "does not include " + what)), Map.of());
    }

    private void checkSize(int size) {
        if (size > maxPayloadBytes) {
            throw ProblemException.payloadTooLarge("the document", size, maxPayloadBytes);
        }
        if (size == 0) {
            throw ProblemException.invalidField("body", "is empty");
        }
    }
}
