package io.tradeflow.gateway.service;

import java.time.OffsetDateTime;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.json.Json;
import io.tradeflow.gateway.repository.PartnerMessage;
import io.tradeflow.platform.problem.ProblemException;

/**
 * Matches a JSON partner's acknowledgment to the outbound document it names, as a 997 is matched for an EDI partner:
 * the document leaves PENDING (or OVERDUE, when the answer is late) and the acknowledgment itself joins the audit
 * trail. Saying the same again has no further effect; contradicting an earlier answer is refused.
 */
@ApplicationScoped
public class OutboundAcknowledgments {
    /** The audit trail's document type of a partner's answer, beside its JSON_ORDERs. */
    public static final String DOCUMENT_TYPE = "JSON_ACK";
    private static final Set<String> ANSWERED = Set.of("ACKNOWLEDGED", "PARTIALLY_ACCEPTED", "REJECTED");

    @Inject
    PartnerDirectory partners;
    @Inject
    RateLimiter rateLimiter;
    @Inject
    GatewayMetrics metrics;

    /** The acknowledged document as it now stands. */
    public Uni<PartnerMessage> acknowledge(String partnerId, String apiKey, String messageId,
                                           DocumentAcknowledgment answer) {
        long start = System.nanoTime();
        String status = "ACCEPTED".equals(answer.status()) ? "ACKNOWLEDGED" : "REJECTED";
        // Counted against the partner's rate limit: each answer is audited, so a retry loop must not be free.
        return partners.authenticate(partnerId, apiKey).chain(partner -> rateLimiter.admit(partner)
                .chain(() -> Panache.withTransaction(() -> PartnerMessage.<PartnerMessage>find(
                                "id = ?1 and partnerId = ?2 and direction = 'OUTBOUND'", messageId, partnerId)
                        .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResult()
                        .chain(document -> settle(document, messageId, status, answer, start))))
                .onFailure(ProblemException.class).call(refused -> auditRefusal(partnerId, messageId, answer,
                        (ProblemException) refused, start)))
                .invoke(settled -> metrics.document(partnerId, DOCUMENT_TYPE, "INBOUND", settled.outcome()))
                .map(Settled::document);
    }

    /**
     * An answer the partner sent but we refused (unknown document, none awaited, a contradiction) is audited too, in a
     * transaction of its own, so a dispute over what the partner said can be settled from the trail.
     */
    private Uni<Void> auditRefusal(String partnerId, String messageId, DocumentAcknowledgment answer,
                                   ProblemException refused, long start) {
        if (refused.status() == 429) {
            return Uni.createFrom().voidItem();
        }
        PartnerMessage received = MessageLog.start(partnerId, "INBOUND", DOCUMENT_TYPE, MarketplaceIntake.MEDIA_TYPE,
                Json.write(answer), OffsetDateTime.now());
        String flags = "refused, naming " + messageId + ": " + refused.getMessage();
        received.flags = flags.length() > 480 ? flags.substring(0, 480) : flags;
        MessageLog.finish(received, "REFUSED", start);
        metrics.document(partnerId, DOCUMENT_TYPE, "INBOUND", "REFUSED");
        return Panache.withTransaction(received::persist).replaceWithVoid()
                .onFailure().recoverWithUni(Uni.createFrom().voidItem());
    }

    private record Settled(PartnerMessage document, String outcome) {
    }

    private static Uni<Settled> settle(PartnerMessage document, String messageId, String status,
                                       DocumentAcknowledgment answer, long start) {
        if (document == null) {
            throw ProblemException.notFound("Outbound document", messageId);
        }
        if (document.ackStatus == null || document.groupControl != null) {
            // An X12 document waits for the partner's 997, which a JSON answer must not pre-empt; a JSON document
            // of a partner not asked to answer (or sent before it was) waits for nothing.
            throw ProblemException.conflict("no-acknowledgment-expected", "document " + messageId + " does not wait "
                    + "for a JSON acknowledgment: " + (document.groupControl != null ? "X12 documents are answered "
                    + "with a 997" : "the partner's profile did not say acknowledgment JSON when it was sent"));
        }
        boolean repeat = status.equals(document.ackStatus);
        if (!repeat && ANSWERED.contains(document.ackStatus)) {
            throw ProblemException.conflict("already-acknowledged", "document " + messageId + " was already "
                    + "acknowledged as " + document.ackStatus + "; an acknowledgment cannot be changed");
        }
        OffsetDateTime now = OffsetDateTime.now();
        if (!repeat) {
            document.ackStatus = status;
            document.ackedAt = now;
        }
        // The reason stays in the raw payload (text); flags is bounded and names only what is acknowledged.
        PartnerMessage received = MessageLog.start(document.partnerId, "INBOUND", DOCUMENT_TYPE,
                MarketplaceIntake.MEDIA_TYPE, Json.write(answer), now);
        received.orderKey = document.orderKey;
        received.flags = "acknowledges " + document.documentType + " " + messageId;
        MessageLog.finish(received, repeat ? "DUPLICATE" : status, start);
        return received.persist().replaceWith(new Settled(document, received.outcome));
    }
}
