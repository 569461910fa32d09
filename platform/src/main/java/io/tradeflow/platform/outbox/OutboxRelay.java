package io.tradeflow.platform.outbox;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.tradeflow.platform.scheduling.FailureStreak;
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
    /**
     * Never sent to: it keeps the {@code outbox} channel wired, so the connector creates the channel's configured
     * producer, which the relay then uses directly (see {@link #sendAll}).
     */
    @Inject
    @Channel("outbox")
    MutinyEmitter<String> emitter;
    @Inject
    KafkaClientService kafkaClients;
    @Inject
    Tracer tracer;
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
    private final FailureStreak failures = new FailureStreak();

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
            long failed = failures.succeeded();
            if (failed > 0) {
                LOG.infof("Outbox relay recovered after %d failed attempts", failed);
            }
            if (count >= batchSize || again.get()) {
                wakeUp();
            }
        }, failure -> {
            running.set(false);
            // Retried every poll interval: logged once per streak and then now and then, not five times a second.
            long failed = failures.failed();
            if (failed > 0) {
                LOG.warnf("Outbox relay failed%s, will retry: %s", FailureStreak.inARow(failed), failure.getMessage());
            }
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
        Long[] seqs = new Long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            seqs[i] = rows.get(i).getLong("seq");
        }
        return sendAll(rows)
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

    /**
     * Sends the batch in seq order from the channel producer's own sending thread and completes once the broker
     * acknowledged every record. One hop for the whole batch: a reactive-messaging Message per event (metadata,
     * decorators, context propagation, a hop each) was about a fifth of the inventory event loop's samples at high
     * rates. Each event gets a producer span continuing the trace of the transaction that wrote it.
     */
    private Uni<Void> sendAll(List<Row> rows) {
        KafkaProducer<String, String> producer = kafkaClients.getProducer("outbox");
        if (producer == null) {
            return Uni.createFrom().failure(new IllegalStateException("the outbox channel's producer is not up yet"));
        }
        List<ProducerRecord<String, String>> records = new ArrayList<>(rows.size());
        List<Span> spans = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Span span = publishSpan(row);
            spans.add(span);
            records.add(record(row, span));
        }
        return producer.runOnSendingThread(kafka -> {
            CompletableFuture<Void> acked = new CompletableFuture<>();
            AtomicInteger remaining = new AtomicInteger(records.size());
            for (int i = 0; i < records.size(); i++) {
                Span span = spans.get(i);
                try {
                    kafka.send(records.get(i), (metadata, failure) -> {
                        span.end();
                        if (failure != null) {
                            acked.completeExceptionally(failure);
                        } else if (remaining.decrementAndGet() == 0) {
                            acked.complete(null);
                        }
                    });
                } catch (RuntimeException refused) {
                    // e.g. no metadata within max.block.ms: the batch stays pending and is sent again later.
                    spans.subList(i, spans.size()).forEach(Span::end);
                    acked.completeExceptionally(refused);
                    break;
                }
            }
            return acked;
        }).chain(acked -> Uni.createFrom().completionStage(acked));
    }

    private Span publishSpan(Row row) {
        String traceparent = row.getString("traceparent");
        if (traceparent == null) {
            return Span.getInvalid();
        }
        String topic = row.getString("topic");
        return tracer.spanBuilder(topic + " publish").setParent(TraceParents.context(traceparent))
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "publish")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.message.id", row.getString("id"))
                .startSpan();
    }

    private static ProducerRecord<String, String> record(Row row, Span span) {
        OffsetDateTime occurredAt = row.getOffsetDateTime("occurred_at");
        // The consumer continues from the publish span when there is one (tracing on), else from the writer's span.
        String traceparent = span.getSpanContext().isValid() ? OutboxWriter.traceparent(span.getSpanContext())
                : row.getString("traceparent");
        CloudEvent event = new CloudEvent(row.getString("id"), row.getString("source"), row.getString("type"),
                row.getString("subject"), occurredAt, row.getString("correlation_id"), traceparent,
                row.getString("payload"));
        Headers headers = KafkaCloudEvents.headers(event);
        return new ProducerRecord<>(row.getString("topic"), null, row.getString("event_key"), event.data(), headers);
    }
}
