package io.tradeflow.gateway.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Samples what the gateway's PostgreSQL sessions are doing while a run lasts (pg_stat_activity state and wait
 * event, and how many sessions wait on a lock held by another): tells a serialising row lock or a starved
 * connection pool from a busy server. Opt-in ({@code -Dbench.pg-sample=true}) because sampling costs a little.
 */
final class PostgresWaits implements AutoCloseable {
    private final Map<String, Integer> counts = new TreeMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private int samples;
    private int sessionsSeen;
    private int blockedSeen;

    PostgresWaits(String host, int port, String password, String database) {
        thread = new Thread(() -> sample(host, port, password, database), "bench-pg-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample(String host, int port, String password, String database) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database,
                "postgres", password); Statement s = c.createStatement()) {
            while (running.get()) {
                try (ResultSet rs = s.executeQuery("select state, coalesce(wait_event_type, 'cpu'), "
                        + "coalesce(wait_event, '-'), cardinality(pg_blocking_pids(pid)) from pg_stat_activity "
                        + "where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'")) {
                    synchronized (counts) {
                        samples++;
                        while (rs.next()) {
                            sessionsSeen++;
                            if (rs.getInt(4) > 0) {
                                blockedSeen++;
                            }
                            counts.merge(rs.getString(1) + "/" + rs.getString(2) + ":" + rs.getString(3), 1, Integer::sum);
                        }
                    }
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            System.err.println("pg sampler stopped: " + e);
        }
    }

    /** Transactions committed so far in the database (pg_stat_database.xact_commit): per document, it shows batching. */
    static long commits(String host, int port, String password, String database) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database,
                "postgres", password); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select xact_commit from pg_stat_database where datname = current_database()")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(2000);
    }

    /** Average sessions per sample in each state/wait, most frequent first. */
    String summary() {
        synchronized (counts) {
            if (samples == 0) {
                return "no samples";
            }
            int n = samples;
            return String.format(java.util.Locale.ROOT, "%d samples, %.1f gateway sessions on average, %.2f blocked by "
                            + "another's lock; per sample: ", n, sessionsSeen / (double) n, blockedSeen / (double) n)
                    + counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(8).map(e -> String.format(java.util.Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / (double) n))
                    .collect(Collectors.joining(", "));
        }
    }
}
