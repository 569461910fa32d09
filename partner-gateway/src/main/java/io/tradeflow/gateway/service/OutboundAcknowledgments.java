package io.tradeflow.gateway.service;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.gateway.repository.AuditedMessages;
import io.tradeflow.gateway.repository.PartnerMessage;
import io.tradeflow.platform.problem.ProblemException;
import io.tradeflow.platform.problem.ProblemMappers;

/**
 * Matches a JSON partner's acknowledgment to the outbound document it names, as a 997 is matched for an EDI partner:
 * the document leaves PENDING (or OVERDUE, when the answer is late) and the acknowledgment itself joins the audit
 * trail. Saying the same again has no further effect; contradicting an earlier answer is refused. The body is read
 * here, after the key and the rate limit, so an answer refused as malformed is in the partner's trail too.
 */
@ApplicationScoped
public class OutboundAcknowledgments {
    /** The audit trail's document type of a partner's answer, beside its JSON_ORDERs. */
    public static final String DOCUMENT_TYPE = "JSON_ACK";
    private static final Set<String> ANSWERED = Set.of("ACKNOWLEDGED", "PARTIALLY_ACCEPTED", "REJECTED");

    /** An answer is a status and a reason of at most 500 characters: anything this large is no answer. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    @Inject
    PartnerDirectory partners;
    @Inject
    RateLimiter rateLimiter;
    @Inject
    GatewayMetrics metrics;
    @Inject
    ObjectMapper mapper;
    @Inject
    Validator validator;

    /** The acknowledged document as it now stands; {@code body} is the partner's DocumentAcknowledgment, JSON. */
    public Uni<PartnerMessage> acknowledge(String partnerId, String apiKey, String messageId, byte[] body) {
        long start = System.nanoTime();
        // JSON is UTF-8 (RFC 8259); the raw text is what the trail keeps, whatever became of it.
        // An oversized one is kept up to the limit, enough to show what it was without storing whatever was sent.
        String payload = body == null ? "" : AuditedMessages.storable(new String(body, 0,
                Math.min(body.length, MAX_BODY_BYTES), StandardCharsets.UTF_8));
        // Counted against the partner's rate limit: each answer is audited, so a retry loop must not be free.
        return partners.authenticate(partnerId, apiKey).chain(partner -> rateLimiter.admit(partner)
                .chain(() -> {
                    DocumentAcknowledgment answer = read(body);
                    String status = "ACCEPTED".equals(answer.status()) ? "ACKNOWLEDGED" : "REJECTED";
                    return Panache.withTransaction(() -> PartnerMessage.<PartnerMessage>find(
                                    "id = ?1 and partnerId = ?2 and direction = 'OUTBOUND'", messageId, partnerId)
                            .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResult()
                            .chain(document -> settle(document, messageId, status, payload, start)));
                })
                .onFailure(ProblemException.class).call(refused -> auditRefusal(partnerId, messageId, payload,
                        (ProblemException) refused, start)))
                .invoke(settled -> metrics.document(partnerId, DOCUMENT_TYPE, "INBOUND", settled.outcome()))
                .map(Settled::document);
    }

    /** The answer, or the same 400 the REST layer gives any malformed or invalid body, naming the field. */
    private DocumentAcknowledgment read(byte[] body) {
        if (body == null || body.length == 0) {
            throw ProblemException.invalidField("body", "must be an acknowledgment: {\"status\": \"ACCEPTED\"}");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw ProblemException.payloadTooLarge("the acknowledgment", body.length, MAX_BODY_BYTES);
        }
        DocumentAcknowledgment answer;
        try {
            answer = mapper.readValue(body, DocumentAcknowledgment.class);
        } catch (JsonProcessingException e) {
            throw ProblemMappers.unreadableBody(e);
        } catch (java.io.IOException e) {
            throw ProblemException.invalidField("body", "is not valid JSON");
        }
        if (answer == null) {
            throw ProblemException.invalidField("body", "must be an acknowledgment, not null");
        }
        Set<ConstraintViolation<DocumentAcknowledgment>> violations = validator.validate(answer);
        if (!violations.isEmpty()) {
            throw ProblemMappers.invalid(violations);
        }
        return answer;
    }

    /**
     * An answer the partner sent but we refused (unknown document, none awaited, a contradiction) is audited too, in a
     * transaction of its own, so a dispute over what the partner said can be settled from the trail.
     */
    private Uni<Void> auditRefusal(String partnerId, String messageId, String payload, ProblemException refused,
                                   long start) {
        if (refused.status() == 429) {
            return Uni.createFrom().voidItem();
        }
        PartnerMessage received = MessageLog.start(partnerId, "INBOUND", DOCUMENT_TYPE, MarketplaceIntake.MEDIA_TYPE,
                payload, OffsetDateTime.now());
        // The id is the partner's path segment as sent, NUL and all.
        String flags = AuditedMessages.storable("refused, naming " + messageId + ": " + refused.getMessage());
        received.flags = flags.length() > 480 ? flags.substring(0, 480) : flags;
        MessageLog.finish(received, "REFUSED", start);
        metrics.document(partnerId, DOCUMENT_TYPE, "INBOUND", "REFUSED");
        return Panache.withTransaction(received::persist).replaceWithVoid()
                .onFailure().recoverWithUni(Uni.createFrom().voidItem());
    }

    private record Settled(PartnerMessage document, String outcome) {
    }

    private static Uni<Settled> settle(PartnerMessage document, String messageId, String status, String payload,
                                       long start) {
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
                MarketplaceIntake.MEDIA_TYPE, payload, now);
        received.orderKey = document.orderKey;
        received.flags = "acknowledges " + document.documentType + " " + messageId;
        MessageLog.finish(received, repeat ? "DUPLICATE" : status, start);
        return received.persist().replaceWith(new Settled(document, received.outcome));
    }
}
