package io.tradeflow.platform.messaging;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Which database failures pass by themselves (connection loss, timeouts, deadlocks, serialization failures,
 * resource exhaustion), so a consumer retries its poll until they pass and an outage holds the partition
 * instead of dead-lettering good records. Anything else is the record's fault.
 */
public final class TransientFailures {
    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg) {
                String state = pg.getSqlState() == null ? "" : pg.getSqlState();
                return state.startsWith("40") || state.startsWith("08") || state.startsWith("53")
                        || state.startsWith("55") || state.startsWith("57") || state.startsWith("58");
            }
            if (t instanceof io.vertx.core.VertxException || t instanceof java.io.IOException
                    || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof io.vertx.core.impl.NoStackTraceThrowable) {
                return true;
            }
        }
        return false;
    }

    /** Runs the work again, with backoff up to 5 s, for as long as it fails transiently; other failures pass on. */
    public static <T> Uni<T> retriedWhileTransient(Supplier<Uni<? extends T>> work, Consumer<Throwable> onRetry) {
        return Uni.createFrom().<T>deferred(work)
                .onFailure(TransientFailures::isTransient).invoke(onRetry)
                .onFailure(TransientFailures::isTransient).retry()
                .withBackOff(Duration.ofMillis(50), Duration.ofSeconds(5)).indefinitely();
    }
}
