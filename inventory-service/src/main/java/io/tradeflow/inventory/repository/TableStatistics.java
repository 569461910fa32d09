package io.tradeflow.inventory.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Analyzes the tables every poll of movements reads as soon as they hold five times the rows the planner believes.
 * <p>
 * The dedup look-up ({@code id = any($1)} on the movement log) is planned once per connection. Planned while the log
 * was empty, it stays a sequential scan that compares every logged movement with every id of the poll (590 ms for
 * 600 ids against 60,000 rows, 0.9 ms through the key once analyzed) until an ANALYZE invalidates the plan.
 * Autovacuum does that, but it wakes once a minute: a new deployment taking a warehouse's backlog would spend that
 * minute scanning. This check closes that gap: at a thousand rows, then at five times each count it left, so a
 * handful of times in a table's life, while autovacuum paces the ongoing analyzes.
 */
@ApplicationScoped
public class TableStatistics {
    private static final Logger LOG = Logger.getLogger(TableStatistics.class);
    /** Fixed names, so the ANALYZE statement is never built from anything but these. */
    private static final List<String> HOT_TABLES = List.of("movement", "stock_level", "sku_state", "outbox_event");
    // Only where the planner's row count is far below the truth (never analyzed: reltuples -1). Past that, growth
    // cannot turn the key look-up back into a scan, and analyzing on every 20% of a log growing by thousands a
    // second would only add work that autovacuum paces on its own.
    private static final String STALE = "select s.relname from pg_stat_user_tables s "
            + "join pg_class c on c.oid = s.relid where s.relname = any($1::text[]) "
            + "and s.n_live_tup > greatest($2::int8, 5 * greatest(c.reltuples, 0))";

    @Inject
    Pool pool;

    /** Live rows a table must hold before it is analyzed here, however far off the planner's count is. */
    @ConfigProperty(name = "tradeflow.inventory.statistics.min-rows", defaultValue = "1000")
    long minRows;

    @Scheduled(every = "${tradeflow.inventory.statistics.check-every:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public Uni<Void> analyzeGrownTables() {
        return pool.preparedQuery(STALE).execute(Tuple.of(HOT_TABLES.toArray(new String[0]), minRows))
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .map((Row row) -> row.getString(0))
                .filter(HOT_TABLES::contains)
                .onItem().transformToUniAndConcatenate(table -> pool.query("analyze " + table).execute()
                        .invoke(() -> LOG.debugf("Analyzed %s: it had grown past the planner's statistics", table)))
                .collect().last().replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Checking table statistics failed, autovacuum still covers it: %s", failure.getMessage());
                    return null;
                });
    }
}
