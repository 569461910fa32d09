package io.tradeflow.testinfra.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;

/**
 * Where a benchmark's PostgreSQL time goes, statement by statement (pg_stat_statements), over one phase:
 * {@link #reset} before it, {@link #top} after. The database server is the second largest CPU user in the
 * inventory and gateway pipelines, and the process CPU figures alone cannot say which statement to change.
 * Only active with {@code -Dtradeflow.pg.statements=true} on the benchmark JVM (EmbeddedServers then preloads
 * the extension); otherwise both calls do nothing.
 */
public final class PostgresStatements {
    private final String url;
    private final String password;
    private final boolean enabled = enabled();

    /** Whether the benchmark JVM asked for statement timings ({@code -Dtradeflow.pg.statements=true}). */
    public static boolean enabled() {
        return Boolean.getBoolean("tradeflow.pg.statements");
    }

    public PostgresStatements(String host, int port, String password, String database) {
        this.url = "jdbc:postgresql://" + host + ":" + port + "/" + database;
        this.password = password;
    }

    public void reset() {
        if (!enabled) {
            return;
        }
        try (Connection c = DriverManager.getConnection(url, "postgres", password); Statement s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            s.execute("select pg_stat_statements_reset()");
        } catch (Exception e) {
            System.err.println("pg_stat_statements unavailable: " + e.getMessage());
        }
    }

    /** The {@code limit} statements with the most execution time since {@link #reset}, per operation of the phase. */
    public String top(int limit, long operations) {
        if (!enabled) {
            return "";
        }
        StringBuilder out = new StringBuilder("PostgreSQL time by statement (pg_stat_statements, per operation):");
        try (Connection c = DriverManager.getConnection(url, "postgres", password); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select calls, total_exec_time, rows, "
                    + "left(regexp_replace(query, '\\s+', ' ', 'g'), 110) from pg_stat_statements where dbid = "
                    + "(select oid from pg_database where datname = current_database()) "
                    + "order by total_exec_time desc limit " + limit)) {
                while (rs.next()) {
                    out.append(String.format(Locale.ROOT, "%n  %7.1f us  %6.2f calls  %7.1f rows  %s",
                            rs.getDouble(2) * 1000 / operations, rs.getLong(1) / (double) operations,
                            rs.getLong(3) / (double) operations, rs.getString(4)));
                }
            }
            plans(out);
            housekeeping(s, out);
        } catch (Exception e) {
            out.append(" unavailable: ").append(e.getMessage());
        }
        return out.toString();
    }

    /**
     * The plan PostgreSQL uses for the two most expensive statements once a pooled connection has prepared them
     * and switched to its generic plan (EXPLAIN (GENERIC_PLAN), PostgreSQL 16+): a sequential scan or a hash join
     * over a whole table shows here, not in the timings.
     */
    private void plans(StringBuilder out) throws java.sql.SQLException {
        java.util.List<String> queries = new java.util.ArrayList<>();
        // The simple protocol: over the extended one the driver would have to bind the statement's $n parameters.
        try (Connection c = DriverManager.getConnection(url + "?preferQueryMode=simple", "postgres", password);
             Statement s = c.createStatement()) {
            plans(s, queries, out);
        }
    }

    private static void plans(Statement s, java.util.List<String> queries, StringBuilder out)
            throws java.sql.SQLException {
        try (ResultSet rs = s.executeQuery("select query from pg_stat_statements where dbid = (select oid from "
                + "pg_database where datname = current_database()) and query ~* '^\\s*(select|insert|update|delete)' "
                + "order by total_exec_time desc limit 2")) {
            while (rs.next()) {
                queries.add(rs.getString(1));
            }
        }
        for (String query : queries) {
            out.append(String.format(Locale.ROOT, "%nGeneric plan of: %s", query.length() > 90
                    ? query.substring(0, 90) + "..." : query));
            try (ResultSet rs = s.executeQuery("explain (generic_plan, costs off) " + query)) {
                while (rs.next()) {
                    out.append(String.format(Locale.ROOT, "%n    %s", rs.getString(1)));
                }
            } catch (java.sql.SQLException notExplainable) {
                out.append(" (").append(notExplainable.getMessage()).append(')');
            }
        }
    }

    /**
     * Server housekeeping that can stall every transaction at once (checkpoints, autovacuum), so a latency spike
     * shared by all consumers can be told apart from the service's own work: counts since the server started.
     */
    private static void housekeeping(Statement s, StringBuilder out) throws java.sql.SQLException {
        out.append(String.format(Locale.ROOT, "%nPostgreSQL housekeeping since start:"));
        try (ResultSet rs = s.executeQuery("select num_timed, num_requested, write_time, sync_time "
                + "from pg_stat_checkpointer")) {
            if (rs.next()) {
                out.append(String.format(Locale.ROOT, "%n  checkpoints: %d timed, %d requested (WAL volume); "
                        + "write %.0f ms, sync %.0f ms", rs.getLong(1), rs.getLong(2), rs.getDouble(3),
                        rs.getDouble(4)));
            }
        }
        try (ResultSet rs = s.executeQuery("select relname, n_live_tup, n_dead_tup, autovacuum_count, "
                + "autoanalyze_count, n_tup_hot_upd, n_tup_upd from pg_stat_user_tables "
                + "order by autovacuum_count + autoanalyze_count desc, relname limit 8")) {
            while (rs.next()) {
                out.append(String.format(Locale.ROOT, "%n  %-22s live %9d dead %8d autovacuum %4d autoanalyze "
                        + "%4d updates %9d (HOT %9d)", rs.getString(1), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5), rs.getLong(7), rs.getLong(6)));
            }
        }
    }

    /**
     * The autovacuum and autoanalyze runs that ended between {@code from} and {@code to}, as "table vacuum +5.2 s"
     * (seconds after {@code from}); each table shows only its last run of each kind. Needs no extension, so it is
     * always on: a latency spike mid-phase that lines up with one points at the database's housekeeping, not the
     * service.
     */
    public String backgroundWork(java.time.Instant from, java.time.Instant to) {
        StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection(url, "postgres", password);
             java.sql.PreparedStatement s = c.prepareStatement("select relname, 'vacuum', last_autovacuum "
                     + "from pg_stat_user_tables where last_autovacuum between ? and ? union all "
                     + "select relname, 'analyze', last_autoanalyze from pg_stat_user_tables "
                     + "where last_autoanalyze between ? and ? order by 3")) {
            java.sql.Timestamp start = java.sql.Timestamp.from(from);
            java.sql.Timestamp end = java.sql.Timestamp.from(to);
            s.setTimestamp(1, start);
            s.setTimestamp(2, end);
            s.setTimestamp(3, start);
            s.setTimestamp(4, end);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    double at = (rs.getTimestamp(3).toInstant().toEpochMilli() - from.toEpochMilli()) / 1000.0;
                    out.append(out.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %s ended +%.1f s",
                            rs.getString(1), rs.getString(2), at));
                }
            }
        } catch (Exception e) {
            return "unavailable: " + e.getMessage();
        }
        return out.length() == 0 ? "none" : out.toString();
    }
}
