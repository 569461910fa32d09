package io.tradeflow.devstack.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * A real Apache Kafka broker (KRaft, broker and controller in one node) running inside this JVM.
 * In-process keeps the stack to one supervisor and makes it die with that JVM, so a killed launcher
 * can never leave a broker behind.
 */
public final class KafkaServer implements AutoCloseable {
    private final EmbeddedKafkaBroker broker;
    private final String bootstrap;

    private KafkaServer(EmbeddedKafkaBroker broker) {
        this.broker = broker;
        this.bootstrap = broker.getAdvertisedListeners().replace("PLAINTEXT://", "");
    }

    /**
     * @param logDir where partitions live; kept between runs (KRaft storage is formatted only once)
     *               unless {@code deleteOnClose}
     */
    public static KafkaServer start(String host, int port, int controllerPort, Path logDir, boolean deleteOnClose) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker();
        // KRaft storage remembers its cluster id; a kept log dir must be started with the same one.
        existingClusterId(logDir).ifPresent(broker::withClusterId);
        broker.withKafkaHost(host)
                .withKafkaPort(port)
                .withControllerPort(controllerPort)
                .withDeleteLogDirsOnClose(deleteOnClose)
                .withAdditionalProperties(props -> {
                    props.put("log.dir", logDir.toString());
                    // No reason to make consumers wait for a rebalance on a one-node dev broker.
                    props.put("group.initial.rebalance.delay.ms", "0");
                    // A kept log dir replays the previous run's broker registration; the controller only
                    // accepts the new one after that session expires (9 s by default). Short is safe in-process.
                    props.put("broker.heartbeat.interval.ms", "500");
                    props.put("broker.session.timeout.ms", "1500");
                });
        broker.start();
        KafkaServer server = new KafkaServer(broker);
        server.awaitReady(Duration.ofSeconds(30));
        return server;
    }

    private static Optional<String> existingClusterId(Path logDir) {
        Path meta = logDir.resolve("meta.properties");
        if (!Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        try (Reader reader = Files.newBufferedReader(meta)) {
            Properties props = new Properties();
            props.load(reader);
            return Optional.ofNullable(props.getProperty("cluster.id"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + meta + "; delete " + logDir + " to start afresh", e);
        }
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private void awaitReady(Duration timeout) {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka at " + bootstrap + " did not answer within " + timeout, e);
        }
    }

    @Override
    public void close() {
        broker.close();
    }
}
