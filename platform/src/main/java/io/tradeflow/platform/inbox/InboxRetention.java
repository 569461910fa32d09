package io.tradeflow.platform.inbox;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Forgets processed event ids once no broker can redeliver them: the dedup table would otherwise grow with
 * every event ever consumed. The retention must exceed the longest retention of any consumed topic.
 */
@ApplicationScoped
public class InboxRetention {
    private static final Logger LOG = Logger.getLogger(InboxRetention.class);

    @Inject
    Pool pool;

    /** Longer than the 7-day default topic retention, so a redelivery is always recognised. */
    @ConfigProperty(name = "tradeflow.inbox.retention", defaultValue = "P30D")
    Duration retention;

    @Scheduled(every = "${tradeflow.inbox.prune-every:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduledPrune() {
        return prune().replaceWithVoid();
    }

    /** Deletes a bounded slice of expired ids; the number deleted. */
    public Uni<Integer> prune() {
        return pool.preparedQuery("delete from processed_event where ctid = any(array(select ctid from processed_event "
                        + "where processed_at < now() - make_interval(secs => $1) limit 10000))")
                .execute(Tuple.of((double) retention.toSeconds()))
                .map(rows -> rows.rowCount())
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Inbox prune failed, will retry: %s", failure.getMessage());
                    return 0;
                });
    }
}
