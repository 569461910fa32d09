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
    private final boolean enabled = Boolean.getBoolean("tradeflow.pg.statements");

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
        try (Connection c = DriverManager.getConnection(url, "postgres", password); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select calls, total_exec_time, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) "
                     + "from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database()) "
                     + "order by total_exec_time desc limit " + limit)) {
            while (rs.next()) {
                out.append(String.format(Locale.ROOT, "%n  %7.1f us  %6.2f calls  %7.1f rows  %s",
                        rs.getDouble(2) * 1000 / operations, rs.getLong(1) / (double) operations,
                        rs.getLong(3) / (double) operations, rs.getString(4)));
            }
        } catch (Exception e) {
            out.append(" unavailable: ").append(e.getMessage());
        }
        return out.toString();
    }
}
