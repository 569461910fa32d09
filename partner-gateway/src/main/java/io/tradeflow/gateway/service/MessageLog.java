package io.tradeflow.gateway.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.gateway.repository.PartnerMessage;
import io.tradeflow.platform.correlation.CorrelationIds;
import io.tradeflow.platform.problem.ProblemException;

/** The audit trail: every message in or out, with its raw payload, parse result, acknowledgment and outcome. */
@ApplicationScoped
public class MessageLog {
    static final int MAX_PAGE = 200;

    /** A new message record, not yet persisted; callers fill in the outcome and persist it in their transaction. */
    public static PartnerMessage start(String partnerId, String direction, String documentType, String contentType,
                                       String payload, OffsetDateTime receivedAt) {
        PartnerMessage message = new PartnerMessage();
        message.id = UUID.randomUUID().toString();
        message.partnerId = partnerId;
        message.direction = direction;
        message.documentType = documentType;
        message.contentType = contentType;
        message.rawPayload = payload;
        message.correlationId = CorrelationIds.current();
        message.receivedAt = receivedAt;
        return message;
    }

    public static void finish(PartnerMessage message, String outcome, long startNanos) {
        message.outcome = outcome;
        message.completedAt = OffsetDateTime.now();
        message.durationMicros = (System.nanoTime() - startNanos) / 1000;
    }

    /** Messages of a partner, newest first, optionally one direction and after a sequence number. */
    public Uni<List<PartnerMessage>> list(String partnerId, String direction, Long afterSeq, OffsetDateTime since,
                                          int limit, boolean ascending) {
        StringBuilder query = new StringBuilder("partnerId = :partner");
        io.quarkus.panache.common.Parameters params = io.quarkus.panache.common.Parameters.with("partner", partnerId);
        if (direction != null) {
            query.append(" and direction = :direction");
            params.and("direction", direction);
        }
        if (afterSeq != null) {
            query.append(" and seq > :after");
            params.and("after", afterSeq);
        }
        if (since != null) {
            query.append(" and receivedAt > :since");
            params.and("since", since);
        }
        query.append(ascending ? " order by seq asc" : " order by seq desc");
        return Panache.withSession(() -> PartnerMessage.<PartnerMessage>find(query.toString(), params)
                .page(0, Math.min(Math.max(limit, 1), MAX_PAGE)).list());
    }

    public Uni<PartnerMessage> get(String partnerId, String messageId) {
        return Panache.withSession(() -> PartnerMessage.<PartnerMessage>find("id = ?1 and partnerId = ?2",
                messageId, partnerId).firstResult()).map(message -> {
            if (message == null) {
                throw ProblemException.notFound("Message", messageId);
            }
            return message;
        });
    }
}
