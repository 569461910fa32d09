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
    private static final Set<String> ANSWERED = Set.of("ACKNOWLEDGED", "PARTIALLY_ACCEPTED", "REJECTED");

    @Inject
    PartnerDirectory partners;
    @Inject
    GatewayMetrics metrics;

    /** The acknowledged document as it now stands. */
    public Uni<PartnerMessage> acknowledge(String partnerId, String apiKey, String messageId,
                                           DocumentAcknowledgment answer) {
        long start = System.nanoTime();
        String status = "ACCEPTED".equals(answer.status()) ? "ACKNOWLEDGED" : "REJECTED";
        return partners.authenticate(partnerId, apiKey).chain(partner -> Panache.withTransaction(() ->
                PartnerMessage.<PartnerMessage>find("id = ?1 and partnerId = ?2 and direction = 'OUTBOUND'",
                        messageId, partnerId).withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                        .firstResult().chain(document -> record(document, messageId, status, answer, start))))
                .invoke(document -> metrics.document(partnerId, "ACK", "INBOUND", status));
    }

    private static Uni<PartnerMessage> record(PartnerMessage document, String messageId, String status,
                                              DocumentAcknowledgment answer, long start) {
        if (document == null) {
            throw ProblemException.notFound("Outbound document", messageId);
        }
        boolean repeat = status.equals(document.ackStatus);
        if (!repeat && ANSWERED.contains(document.ackStatus)) {
            throw new ProblemException(409, "already-acknowledged", "Conflict", "Document " + messageId
                    + " was already acknowledged as " + document.ackStatus + "; an acknowledgment cannot be changed");
        }
        OffsetDateTime now = OffsetDateTime.now();
        if (!repeat) {
            document.ackStatus = status;
            document.ackedAt = now;
        }
        PartnerMessage received = MessageLog.start(document.partnerId, "INBOUND", "ACK", MarketplaceIntake.MEDIA_TYPE,
                Json.write(answer), now);
        received.orderKey = document.orderKey;
        received.flags = "acknowledges " + document.documentType + " " + messageId
                + (answer.reason() == null || answer.reason().isBlank() ? "" : ": " + answer.reason());
        MessageLog.finish(received, repeat ? "DUPLICATE" : status, start);
        return received.persist().replaceWith(document);
    }
}
