package io.tradeflow.devstack.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 server process from the zonky binaries jar. User {@code postgres}, trust auth,
 * bound to loopback only and without a unix socket (nothing else on the machine should reach it).
 */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param dataDir kept between runs unless {@code clean}
     * @param log     where the server's own output goes (it would otherwise interleave with progress)
     */
    public static PostgresServer start(String host, int port, Path dataDir, boolean clean, Path log) {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(clean)
                    .setServerConfig("listen_addresses", host)
                    .setServerConfig("unix_socket_directories", "")
                    // The stack orders its own shutdown (services first); zonky's hook would race it.
                    .setRegisterShutdownHook(false)
                    .setOutputRedirector(Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(Redirect.appendTo(log.toFile()))
                    .start();
            return new PostgresServer(pg);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on " + host + ":" + port + " (see " + log + ")", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** Creates each database that does not exist yet; existing data is left alone. */
    public void createDatabases(List<String> names) {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            for (String name : names) {
                if (!name.matches("[a-z_][a-z0-9_]*")) {
                    throw new IllegalArgumentException("not a plain database name: " + name);
                }
                try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    exists.setString(1, name);
                    try (ResultSet rs = exists.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                }
                try (Statement create = c.createStatement()) {
                    create.execute("CREATE DATABASE " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create databases " + names, e);
        }
    }

    /** A server setting, e.g. {@code fsync}, so a benchmark can state the conditions it measured under. */
    public String setting(String name) {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement show = c.prepareStatement("SELECT current_setting(?)")) {
            show.setString(1, name);
            try (ResultSet rs = show.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            return "?";
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        }
    }
}
