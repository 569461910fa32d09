package io.tradeflow.orders.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.tradeflow.contracts.events.Topics;
import io.tradeflow.orders.repository.DeadLetter;
import io.tradeflow.platform.correlation.CorrelationIds;
import io.tradeflow.platform.messaging.DeadLetterRecords;
import io.tradeflow.platform.outbox.OutboxEvent;
import io.tradeflow.platform.outbox.OutboxRelay;
import io.tradeflow.platform.problem.ProblemException;

/**
 * Operations' view of failed messages: each DLQ record kept with its reason (and its order marked stuck
 * IN_DLQ), and replayed on request by putting the original back on its topic through the outbox.
 */
@ApplicationScoped
public class DeadLetterDesk {
    static final String REASON = "dead-letter-reason";
    static final String ORIGINAL_TOPIC = "dead-letter-topic";

    @Inject
    OutboxRelay relay;

    public Uni<Void> record(ConsumerRecord<String, String> record) {
        Headers headers = record.headers();
        String original = KafkaCloudEvents.get(headers, ORIGINAL_TOPIC);
        if (original == null) {
            original = record.topic().endsWith(Topics.DLQ_SUFFIX)
                    ? record.topic().substring(0, record.topic().length() - Topics.DLQ_SUFFIX.length()) : record.topic();
        }
        String originalTopic = original;
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into dead_letter (dlq_topic, dlq_partition, dlq_offset, original_topic, record_key, "
                                + "payload, event_id, event_type, event_source, correlation_id, reason, traceparent, "
                                + "received_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, now()) "
                                + "on conflict do nothing")
                .setParameter(1, record.topic()).setParameter(2, record.partition()).setParameter(3, record.offset())
                .setParameter(4, originalTopic).setParameter(5, record.key()).setParameter(6, record.value())
                .setParameter(7, KafkaCloudEvents.get(headers, KafkaCloudEvents.CE_ID))
                .setParameter(8, KafkaCloudEvents.get(headers, KafkaCloudEvents.CE_TYPE))
                .setParameter(9, KafkaCloudEvents.get(headers, KafkaCloudEvents.CE_SOURCE))
                .setParameter(10, KafkaCloudEvents.get(headers, KafkaCloudEvents.CE_CORRELATION_ID))
                .setParameter(11, KafkaCloudEvents.get(headers, REASON))
                .setParameter(12, originalTraceparent(headers))
                .executeUpdate()
                .chain(() -> record.key() == null ? Uni.createFrom().item(0) : session.createNativeQuery(
                                "update customer_order set stuck_reason = 'IN_DLQ', stuck_since = now() "
                                        + "where id = ?1 and stuck_reason is null")
                        .setParameter(1, record.key()).executeUpdate())))
                .replaceWithVoid();
    }

    /**
     * Ours carry it apart ({@link DeadLetterRecords#TRACEPARENT}); on the connector's dead-letter records the copied
     * original comes before any traceparent the dead-letter producer added.
     */
    private static String originalTraceparent(Headers headers) {
        String kept = KafkaCloudEvents.get(headers, DeadLetterRecords.TRACEPARENT);
        if (kept == null) {
            for (org.apache.kafka.common.header.Header h : headers.headers(KafkaCloudEvents.TRACEPARENT)) {
                kept = h.value() == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
                break;
            }
        }
        // Written by whoever produced the original: a malformed one must not keep the dead letter itself out.
        return kept != null && W3C_TRACEPARENT.matcher(kept).matches() ? kept : null;
    }

    private static final java.util.regex.Pattern W3C_TRACEPARENT =
            java.util.regex.Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    public Uni<List<DeadLetter>> list(boolean includeReplayed, int page, int size) {
        String query = includeReplayed ? "order by id desc" : "replayedAt is null order by id desc";
        return Panache.withSession(() -> DeadLetter.<DeadLetter>find(query).page(page, size).list());
    }

    public Uni<Long> waiting() {
        return Panache.withSession(() -> DeadLetter.count("replayedAt is null"));
    }

    /** Puts the original message back on its topic (as a new event id: the failed one never took effect). */
    public Uni<DeadLetter> replay(long id) {
        return Panache.withTransaction(() -> DeadLetter.<DeadLetter>findById(id).chain(letter -> {
            if (letter == null) {
                throw ProblemException.notFound("Dead letter", String.valueOf(id));
            }
            if (letter.replayedAt != null) {
                throw ProblemException.conflict("already-replayed", "Dead letter " + id + " was replayed at "
                        + letter.replayedAt);
            }
            OutboxEvent event = new OutboxEvent();
            event.id = UUID.randomUUID().toString();
            event.topic = letter.originalTopic;
            event.key = letter.recordKey;
            event.subject = letter.recordKey;
            event.type = letter.eventType == null ? "tradeflow.unknown.v1" : letter.eventType;
            event.source = letter.eventSource == null ? "/tradeflow/order-orchestrator/replay" : letter.eventSource;
            event.correlationId = letter.correlationId != null ? letter.correlationId : CorrelationIds.current();
            event.payload = letter.payload == null ? "" : letter.payload;
            event.traceparent = letter.traceparent != null ? letter.traceparent
                    : io.tradeflow.platform.outbox.OutboxWriter.traceparent();
            event.occurredAt = OffsetDateTime.now();
            letter.replayedAt = OffsetDateTime.now();
            Uni<Integer> unstick = letter.recordKey == null ? Uni.createFrom().item(0)
                    : Panache.getSession().chain(s -> s.createNativeQuery("update customer_order set stuck_reason = null,"
                            + " stuck_since = null where id = ?1 and stuck_reason = 'IN_DLQ'")
                    .setParameter(1, letter.recordKey).executeUpdate());
            return event.persist().chain(() -> unstick).replaceWith(letter);
        })).invoke(() -> relay.wakeUp());
    }
}
