package io.tradeflow.platform.outbox;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.tradeflow.platform.telemetry.TraceParents;

/**
 * Publishes committed outbox rows to Kafka in commit order and marks them published. A crash between
 * send and mark republishes (at-least-once; consumers deduplicate on the CloudEvent id), never loses.
 * One relay at a time per database (advisory lock), so replicas cannot reorder a key's events.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long LOCK_KEY = 0x7472616465L; // "trade": one relay per service database
    private static final String SELECT_PENDING = "select seq, id, topic, event_key, type, source, subject, "
            + "correlation_id, traceparent, payload, occurred_at from outbox_event where published_at is null "
            + "order by seq limit $1";

    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @Inject
    @Channel("outbox")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    MutinyEmitter<String> emitter;
    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "tradeflow.outbox.poll-interval-ms", defaultValue = "200")
    long pollIntervalMs;
    @ConfigProperty(name = "tradeflow.outbox.batch-size", defaultValue = "200")
    int batchSize;
    /** Published rows are kept this long for replay and forensics, then deleted so the table stays small. */
    @ConfigProperty(name = "tradeflow.outbox.retention", defaultValue = "P7D")
    java.time.Duration retention;

    private final Map<String, Timer> freshness = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicLong pending = new AtomicLong();
    private volatile boolean stopped;
    private Counter published;
    private long timerId = -1;
    private long pruneTimerId = -1;
    private volatile long pendingCountedAt;

    void start(@Observes StartupEvent event) {
        published = registry.counter("tradeflow.outbox.published");
        registry.gauge("tradeflow.outbox.pending", pending);
        timerId = vertx.setPeriodic(pollIntervalMs, id -> wakeUp());
        pruneTimerId = vertx.setPeriodic(java.time.Duration.ofMinutes(10).toMillis(), id -> prune());
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        if (pruneTimerId >= 0) {
            vertx.cancelTimer(pruneTimerId);
        }
    }

    /** Deletes published rows past retention, a bounded slice per run so it never holds long locks. */
    public Uni<Integer> prune() {
        if (stopped) {
            return Uni.createFrom().item(0);
        }
        return pool.preparedQuery("delete from outbox_event where seq in (select seq from outbox_event "
                        + "where published_at < now() - make_interval(secs => $1) order by seq limit 10000)")
                .execute(Tuple.of((double) retention.toSeconds()))
                .map(rows -> rows.rowCount())
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Outbox prune failed, will retry: %s", failure.getMessage());
                    return 0;
                });
    }

    /** Publish what is pending now; call after committing a transaction that appended events. */
    public void wakeUp() {
        if (stopped) {
            return;
        }
        // Raised before trying to run: a batch finishing concurrently either sees it or has already released
        // `running`, so a commit's wake-up is never lost (a lost one waited for the timer, up to poll-interval-ms).
        again.set(true);
        if (!running.compareAndSet(false, true)) {
            return;
        }
        again.set(false);
        relayBatch().runSubscriptionOn(Infrastructure.getDefaultExecutor()).subscribe().with(count -> {
            running.set(false);
            if (count >= batchSize || again.get()) {
                wakeUp();
            }
        }, failure -> {
            running.set(false);
            LOG.warnf("Outbox relay failed, will retry: %s", failure.getMessage());
        });
    }

    /** Relays one batch; the number of events published. */
    public Uni<Integer> relayBatch() {
        // The lock and the select are sent together (one round trip); rows read without the lock are dropped.
        return pool.withTransaction(conn -> {
            Uni<Boolean> locked = conn.preparedQuery("select pg_try_advisory_xact_lock($1)").execute(Tuple.of(LOCK_KEY))
                    .map(rows -> rows.iterator().next().getBoolean(0));
            Uni<List<Row>> pending = conn.preparedQuery(SELECT_PENDING).execute(Tuple.of(batchSize)).map(rows -> {
                List<Row> list = new ArrayList<>(rows.size());
                rows.forEach(list::add);
                return list;
            });
            return Uni.combine().all().unis(locked, pending).asTuple()
                    .chain(read -> read.getItem1() ? publish(conn, read.getItem2()) : Uni.createFrom().item(0));
        });
    }

    private Uni<Integer> publish(SqlConnection conn, List<Row> rows) {
        if (rows.isEmpty()) {
            pending.set(0);
            return Uni.createFrom().item(0);
        }
        List<Uni<Void>> sends = new ArrayList<>(rows.size());
        Long[] seqs = new Long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            seqs[i] = rows.get(i).getLong("seq");
            sends.add(send(rows.get(i)));
        }
        return Uni.join().all(sends).andFailFast()
                .chain(() -> conn.preparedQuery("update outbox_event set published_at = now(), "
                        + "attempts = attempts + 1 where seq = any($1)").execute(Tuple.of((Object) seqs)))
                .invoke(() -> {
                    published.increment(seqs.length);
                    rows.forEach(this::recordFreshness);
                })
                .chain(() -> {
                    if (seqs.length < batchSize) {
                        pending.set(0); // drained up to what this transaction could see
                        return Uni.createFrom().voidItem();
                    }
                    return countPending(conn);
                })
                .replaceWith(seqs.length);
    }

    /**
     * How old the fact an event reports was when it reached Kafka (its occurredAt to now), per event type:
     * for inventory.availability this is the freshness of availability after a warehouse movement.
     */
    private void recordFreshness(Row row) {
        OffsetDateTime occurredAt = row.getOffsetDateTime("occurred_at");
        if (occurredAt != null) {
            // One look-up per type, not a meter registration per event: this runs for every event relayed.
            freshness.computeIfAbsent(row.getString("type"), type -> Timer.builder("tradeflow.event.freshness")
                            .description("fact occurredAt -> event published to Kafka").tag("type", type)
                            .publishPercentileHistogram().register(registry))
                    .record(java.time.Duration.between(occurredAt.toInstant(), java.time.Instant.now()));
        }
    }

    /** The backlog gauge; counted at most once a second, only while a backlog exists, to keep the hot path lean. */
    private Uni<Void> countPending(SqlConnection conn) {
        long now = System.currentTimeMillis();
        if (now - pendingCountedAt < 1000) {
            return Uni.createFrom().voidItem();
        }
        pendingCountedAt = now;
        return conn.query("select count(*) from outbox_event where published_at is null").execute()
                .invoke(rows -> pending.set(rows.iterator().next().getLong(0)))
                .replaceWithVoid();
    }

    private Uni<Void> send(Row row) {
        OffsetDateTime occurredAt = row.getOffsetDateTime("occurred_at");
        CloudEvent event = new CloudEvent(row.getString("id"), row.getString("source"), row.getString("type"),
                row.getString("subject"), occurredAt, row.getString("correlation_id"),
                row.getString("traceparent"), row.getString("payload"));
        Headers headers = KafkaCloudEvents.headers(event);
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.getString("topic"))
                .withKey(row.getString("event_key"))
                .withHeaders(headers)
                .build();
        Message<String> message = Message.of(event.data()).addMetadata(metadata);
        if (event.traceparent() != null) {
            // Continue the trace of the transaction that wrote the event, not the relay's own.
            message = message.addMetadata(TracingMetadata.withCurrent(TraceParents.context(event.traceparent())));
        }
        return emitter.sendMessage(message);
    }
}
