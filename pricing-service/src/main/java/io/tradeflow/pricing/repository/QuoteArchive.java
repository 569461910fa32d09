package io.tradeflow.pricing.repository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.tradeflow.platform.problem.ProblemException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Kept quotes, written by group commit. A quote waits in a queue and is written with the quotes that
 * arrived alongside it by one multi-row INSERT (one round trip, one commit, one WAL flush for the batch);
 * its caller hears back only when that batch has committed, so a quote a caller got can always be read
 * back and referred to by an order.
 * <p>
 * No timer: a batch leaves as soon as fewer than {@code max-in-flight} batches are being written. An idle
 * service therefore writes a lone quote at once, and under load the quotes arriving during one batch's
 * round trip form the next batch, so batches grow with the load instead of adding a fixed wait.
 */
@ApplicationScoped
public class QuoteArchive {
    private static final String INSERT = "insert into quote (id, customer_id, channel, currency, created_at, "
            + "valid_until, body) select * from unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::bpchar[], "
            + "$5::timestamptz[], $6::timestamptz[], $7::text[])";

    @Inject
    Pool pool;

    @ConfigProperty(name = "tradeflow.pricing.quote-archive.batch-size", defaultValue = "128")
    int batchSize;
    @ConfigProperty(name = "tradeflow.pricing.quote-archive.max-in-flight", defaultValue = "2")
    int maxInFlight;
    /** Beyond this many waiting quotes the database is not keeping up: refuse (503) rather than queue forever. */
    @ConfigProperty(name = "tradeflow.pricing.quote-archive.max-waiting", defaultValue = "20000")
    int maxWaiting;

    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waitingCount = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();

    /** One quote as kept: the indexed columns and the body exactly as it was returned. */
    public record KeptQuote(String id, String customerId, String channel, String currency, OffsetDateTime createdAt,
                            OffsetDateTime validUntil, String body) {
    }

    /** Completes once the quote is committed. */
    public Uni<Void> keep(KeptQuote quote) {
        return Uni.createFrom().emitter(emitter -> {
            if (waitingCount.incrementAndGet() > maxWaiting) {
                waitingCount.decrementAndGet();
                emitter.fail(new ProblemException(503, "quote-archive-saturated", "Quotes cannot be kept now",
                        "The quote store is not keeping up; retry shortly"));
                return;
            }
            waiting.add(new Waiting(quote, emitter, Vertx.currentContext()));
            writeWaiting();
        });
    }

    /** The quote body as returned when it was made, or null. */
    public Uni<String> body(String id) {
        return pool.preparedQuery("select body from quote where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("body"));
    }

    /**
     * Starts batches while there are waiting quotes and a free slot. Every path that adds a quote or frees a
     * slot calls this, and it re-checks the queue after giving a slot back, so no quote is left behind.
     */
    private void writeWaiting() {
        while (!waiting.isEmpty()) {
            int running = inFlight.get();
            if (running >= maxInFlight) {
                return;
            }
            if (!inFlight.compareAndSet(running, running + 1)) {
                continue;
            }
            List<Waiting> batch = new ArrayList<>(Math.min(batchSize, 16));
            Waiting next;
            while (batch.size() < batchSize && (next = waiting.poll()) != null) {
                batch.add(next);
            }
            waitingCount.addAndGet(-batch.size());
            if (batch.isEmpty()) {
                inFlight.decrementAndGet();
                continue;
            }
            insert(batch).subscribe().with(done -> {
                inFlight.decrementAndGet();
                batch.forEach(w -> w.settle(null));
                writeWaiting();
            }, failure -> {
                inFlight.decrementAndGet();
                batch.forEach(w -> w.settle(failure));
                writeWaiting();
            });
        }
    }

    private Uni<Void> insert(List<Waiting> batch) {
        int n = batch.size();
        String[] ids = new String[n];
        String[] customers = new String[n];
        String[] channels = new String[n];
        String[] currencies = new String[n];
        OffsetDateTime[] created = new OffsetDateTime[n];
        OffsetDateTime[] validUntil = new OffsetDateTime[n];
        String[] bodies = new String[n];
        for (int i = 0; i < n; i++) {
            KeptQuote q = batch.get(i).quote;
            ids[i] = q.id();
            customers[i] = q.customerId();
            channels[i] = q.channel();
            currencies[i] = q.currency();
            created[i] = q.createdAt();
            validUntil[i] = q.validUntil();
            bodies[i] = q.body();
        }
        return pool.preparedQuery(INSERT)
                .execute(Tuple.tuple().addArrayOfString(ids).addArrayOfString(customers).addArrayOfString(channels)
                        .addArrayOfString(currencies).addArrayOfOffsetDateTime(created)
                        .addArrayOfOffsetDateTime(validUntil).addArrayOfString(bodies))
                .replaceWithVoid();
    }

    private record Waiting(KeptQuote quote, UniEmitter<? super Void> emitter, Context context) {
        /** Answers the caller on its own request context (the batch may have committed on another event loop). */
        void settle(Throwable failure) {
            if (context == null || context == Vertx.currentContext()) {
                answer(failure);
            } else {
                context.runOnContext(ignored -> answer(failure));
            }
        }

        private void answer(Throwable failure) {
            if (failure == null) {
                emitter.complete(null);
            } else {
                emitter.fail(failure);
            }
        }
    }
}
