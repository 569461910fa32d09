package io.tradeflow.orders.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Group commit: callers submit one item each; one transaction at a time takes every item waiting, so under load
 * many callers share a transaction (and its commit) while a lone caller still gets its own at once. Each caller
 * continues on its own Vert.x context (trace, correlation id) after the commit. If a group fails as a whole it is
 * committed again item by item, so one bad item cannot fail the others.
 *
 * @param <I> what a caller submits
 * @param <O> what it gets back once committed
 */
final class GroupCommit<I, O> {
    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    /** Per item of the group, in order: its answer, or the failure only that caller sees. */
    record Result<O>(O value, Throwable failure) {
        static <O> Result<O> of(O value) {
            return new Result<>(value, null);
        }

        static <O> Result<O> failed(Throwable failure) {
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
    private final int max;
    private final BiFunction<SqlConnection, List<I>, Uni<List<Result<O>>>> work;
    private final Runnable afterCommit;
    private final Queue<Waiting<I, O>> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushing = new AtomicBoolean();

    GroupCommit(String name, Pool pool, int max, BiFunction<SqlConnection, List<I>, Uni<List<Result<O>>>> work,
                Runnable afterCommit) {
        this.name = name;
        this.pool = pool;
        this.max = max;
        this.work = work;
        this.afterCommit = afterCommit;
    }

    Uni<O> submit(I item) {
        return Uni.createFrom().emitter(emitter -> {
            waiting.add(new Waiting<>(item, emitter, Vertx.currentContext()));
            flush();
        });
    }

    private void flush() {
        if (!flushing.compareAndSet(false, true)) {
            return;
        }
        List<Waiting<I, O>> group = new ArrayList<>();
        Waiting<I, O> next;
        while (group.size() < max && (next = waiting.poll()) != null) {
            group.add(next);
        }
        if (group.isEmpty()) {
            flushing.set(false);
            if (!waiting.isEmpty()) {
                flush();
            }
            return;
        }
        commit(group).subscribe().with(ignored -> {
            flushing.set(false);
            flush();
        }, failure -> {
            flushing.set(false);
            flush();
        });
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
            LOG.warnf("A group of %d %s failed to commit (%s); committing them one by one", group.size(), name,
                    failure.getMessage());
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Waiting<I, O> w : group) {
                chain = chain.chain(() -> commit(Collections.singletonList(w)));
            }
            return chain;
        });
    }
}
