package io.tradeflow.platform.transaction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.tradeflow.platform.problem.ProblemException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Group commit: callers submit one item each; a transaction takes every item waiting (up to a group size), so
 * under load many callers share a transaction and its commit (one WAL flush) while a lone caller still gets its
 * own at once. No timer: a group leaves as soon as fewer than {@code maxInFlight} groups are being written, so
 * groups grow with the load. Each caller continues on its own Vert.x context (trace, correlation id) after the
 * commit. If a group fails as a whole it is committed again item by item, so one bad item cannot fail the others;
 * the work must therefore be safe to run again for an item whose group rolled back.
 *
 * @param <I> what a caller submits
 * @param <O> what it gets back once committed
 */
public final class GroupCommit<I, O> {
    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    /** Per item of the group, in order: its answer, or the failure only that caller sees. */
    public record Result<O>(O value, Throwable failure) {
        public static <O> Result<O> of(O value) {
            return new Result<>(value, null);
        }

        public static <O> Result<O> failed(Throwable failure) {
            return new Result<>(null, failure);
        }
    }

    private record Waiting<I, O>(I item, UniEmitter<? super O> emitter, Context caller) {
        void answer(Result<O> result) {
            Runnable deliver = () -> {
                if (result.failure() != null) {
                    emitter.fail(result.failure());
                } else {
                    emitter.complete(result.value());
                }
            };
            if (caller == null) {
                deliver.run();
            } else {
                caller.runOnContext(ignored -> deliver.run());
            }
        }
    }

    private final String name;
    private final Pool pool;
    private final int maxGroup;
    private final int maxInFlight;
    private final int maxWaiting;
    private final BiFunction<SqlConnection, List<I>, Uni<List<Result<O>>>> work;
    private final Runnable afterCommit;
    private final Queue<Waiting<I, O>> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waitingCount = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();

    /** One group at a time, unbounded queue. */
    public GroupCommit(String name, Pool pool, int maxGroup,
                       BiFunction<SqlConnection, List<I>, Uni<List<Result<O>>>> work, Runnable afterCommit) {
        this(name, pool, maxGroup, 1, Integer.MAX_VALUE, work, afterCommit);
    }

    /**
     * @param maxInFlight groups written at the same time (each on its own connection)
     * @param maxWaiting  beyond this many waiting items the database is not keeping up: refuse with 503 rather
     *                    than queue without bound
     * @param afterCommit runs once per committed group (e.g. wake the outbox relay)
     */
    public GroupCommit(String name, Pool pool, int maxGroup, int maxInFlight, int maxWaiting,
                       BiFunction<SqlConnection, List<I>, Uni<List<Result<O>>>> work, Runnable afterCommit) {
        this.name = name;
        this.pool = pool;
        this.maxGroup = maxGroup;
        this.maxInFlight = maxInFlight;
        this.maxWaiting = maxWaiting;
        this.work = work;
        this.afterCommit = afterCommit;
    }

    /** For work that succeeds or fails as a whole group: every caller hears the same outcome, nothing else. */
    public static <I> GroupCommit<I, Void> wholeGroups(String name, Pool pool, int maxGroup, int maxInFlight,
                                                      int maxWaiting, BiFunction<SqlConnection, List<I>, Uni<Void>> work) {
        return new GroupCommit<>(name, pool, maxGroup, maxInFlight, maxWaiting,
                (conn, items) -> work.apply(conn, items).map(ignored -> Collections.nCopies(items.size(), Result.of(null))),
                () -> { });
    }

    /** Completes once the item's group has committed, with the item's own answer. */
    public Uni<O> submit(I item) {
        return Uni.createFrom().emitter(emitter -> {
            if (waitingCount.incrementAndGet() > maxWaiting) {
                waitingCount.decrementAndGet();
                emitter.fail(new ProblemException(503, "saturated", "Cannot be taken now",
                        "The database is not keeping up with " + name + "; retry shortly"));
                return;
            }
            waiting.add(new Waiting<>(item, emitter, Vertx.currentContext()));
            flush();
        });
    }

    /** Starts groups while items wait and a slot is free; re-checked whenever a slot is given back. */
    private void flush() {
        while (!waiting.isEmpty()) {
            int running = inFlight.get();
            if (running >= maxInFlight) {
                return;
            }
            if (!inFlight.compareAndSet(running, running + 1)) {
                continue;
            }
            List<Waiting<I, O>> group = new ArrayList<>();
            Waiting<I, O> next;
            while (group.size() < maxGroup && (next = waiting.poll()) != null) {
                group.add(next);
            }
            waitingCount.addAndGet(-group.size());
            if (group.isEmpty()) {
                inFlight.decrementAndGet();
                continue;
            }
            commit(group).subscribe().with(ignored -> release(), failure -> release());
        }
    }

    private void release() {
        inFlight.decrementAndGet();
        flush();
    }

    private Uni<Void> commit(List<Waiting<I, O>> group) {
        List<I> items = new ArrayList<>(group.size());
        group.forEach(w -> items.add(w.item()));
        // Only a failure of the transaction itself retries: what runs after the commit must never commit twice.
        return pool.withTransaction(conn -> work.apply(conn, items)).onItemOrFailure()
                .transformToUni((results, failure) -> {
                    if (failure == null) {
                        try {
                            afterCommit.run();
                        } catch (RuntimeException e) {
                            LOG.warnf("After committing a group of %d %s: %s", group.size(), name, e.toString());
                        }
                        for (int i = 0; i < group.size(); i++) {
                            group.get(i).answer(results.get(i));
                        }
                        return Uni.createFrom().voidItem();
                    }
                    if (group.size() == 1) {
                        group.get(0).answer(Result.failed(failure));
                        return Uni.createFrom().voidItem();
                    }
                    LOG.debugf("A group of %d %s failed to commit (%s); committing them one by one", group.size(),
                            name, failure.getMessage());
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Waiting<I, O> w : group) {
                        chain = chain.chain(() -> commit(Collections.singletonList(w)));
                    }
                    return chain;
                });
    }
}
