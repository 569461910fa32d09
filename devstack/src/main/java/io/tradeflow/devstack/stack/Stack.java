package io.tradeflow.devstack.stack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;

import io.tradeflow.contracts.events.TopicProvisioner;

/**
 * The whole local stack in one JVM: PostgreSQL, Kafka, topics, databases, dev keys and the service
 * processes. Stops in reverse order (services, then Kafka, then PostgreSQL) from {@link #close()}, which a
 * JVM shutdown hook also calls, so Ctrl-C or SIGTERM at any point leaves nothing running.
 */
public final class Stack implements AutoCloseable {
    private final StackLayout layout;
    private final List<ServiceSpec> services;
    private final ServiceSupervisor supervisor;
    private volatile PostgresServer postgres;
    private volatile KafkaServer kafka;
    private DevTokens tokens;
    /**
     * Held while a server is being started, so that a shutdown hook arriving mid-start waits for the
     * server to exist and then stops it, instead of letting the JVM halt with a postmaster half-born.
     */
    private final Object lifecycle = new Object();
    private boolean closed;

    public Stack(StackLayout layout, List<ServiceSpec> services) {
        this.layout = layout;
        this.services = services;
        this.supervisor = new ServiceSupervisor(layout);
    }

    /** Starts everything and returns once every service is ready; throws with a reason otherwise. */
    public Stack start() throws Exception {
        layout.ensureCreated();
        Console.step("data folder: " + layout.root());
        ServiceSupervisor.requireJars(layout, services);
        if (Leftovers.stopAll(layout)) {
            Console.ok("previous run cleaned up");
        }
        List<Integer> ports = new ArrayList<>(List.of(StackPorts.KAFKA, StackPorts.KAFKA_CONTROLLER, StackPorts.POSTGRES));
        services.forEach(s -> ports.add(s.port()));
        PortCheck.requireFree(ports);
        ProcessControl.writePid(layout.ownerPidFile(), ProcessHandle.current().pid());

        Console.step("starting PostgreSQL on " + StackPorts.HOST + ":" + StackPorts.POSTGRES);
        synchronized (lifecycle) {
            checkNotClosed();
            postgres = PostgresServer.start(StackPorts.HOST, StackPorts.POSTGRES, layout.postgresData(), false,
                    layout.logs().resolve("postgres.log"));
        }
        List<String> databases = ServiceSpec.ALL.stream().map(ServiceSpec::database).toList();
        postgres.createDatabases(databases);
        Console.ok("PostgreSQL 17 up, databases " + databases);

        Console.step("starting Kafka on " + StackPorts.kafkaBootstrap());
        synchronized (lifecycle) {
            checkNotClosed();
            kafka = KafkaServer.start(StackPorts.HOST, StackPorts.KAFKA, StackPorts.KAFKA_CONTROLLER,
                    layout.kafkaData(), false);
        }
        try (Admin admin = kafka.admin()) {
            int created = TopicProvisioner.provision(admin);
            Console.ok("Kafka up, " + TopicProvisioner.wanted().size() + " topics present (" + created + " created now)");
        }

        DevKeys keys = DevKeys.in(layout.keys());
        tokens = new DevTokens(keys);
        Console.ok("dev JWT public key: " + keys.publicKeyFile());

        if (!services.isEmpty()) {
            supervisor.startAll(services, spec -> environment(spec, keys));
            supervisor.awaitReady();
        }
        synchronized (lifecycle) {
            checkNotClosed();
        }
        return this;
    }

    /** The configuration every service reads (docs/DEVELOPMENT.md), pointing at this stack. */
    private Map<String, String> environment(ServiceSpec spec, DevKeys keys) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("DB_HOST", StackPorts.HOST);
        env.put("DB_PORT", Integer.toString(StackPorts.POSTGRES));
        env.put("DB_NAME", spec.database());
        env.put("DB_USER", PostgresServer.USER);
        env.put("DB_PASSWORD", PostgresServer.PASSWORD);
        env.put("JWT_PUBLIC_KEY_LOCATION", keys.publicKeyFile().toString());
        env.put("JWT_ISSUER", DevTokens.ISSUER);
        env.put("JWT_AUDIENCE", DevTokens.AUDIENCE);
        env.put("TRADEFLOW_SERVICE_TOKEN", tokens.serviceToken(spec.name()));
        env.put("PRICING_URL", ServiceSpec.ALL.get(0).baseUrl());
        env.put("INVENTORY_URL", ServiceSpec.ALL.get(1).baseUrl());
        return env;
    }

    private void checkNotClosed() {
        if (closed) {
            throw new IllegalStateException("stack is shutting down");
        }
    }

    public StackLayout layout() {
        return layout;
    }

    public List<ServiceSpec> services() {
        return services;
    }

    public String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    public DevTokens tokens() {
        return tokens;
    }

    public List<ServiceProcess> runningServices() {
        return supervisor.running();
    }

    /** Idempotent; safe from the shutdown hook while {@link #start()} is still running on another thread. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        Console.step("stopping services");
        supervisor.stopAll();
        KafkaServer k = kafka;
        if (k != null) {
            Console.step("stopping Kafka");
            runQuietly(k::close);
        }
        PostgresServer pg = postgres;
        if (pg != null) {
            Console.step("stopping PostgreSQL");
            runQuietly(pg::close);
        }
        Leftovers.deleteQuietly(layout.ownerPidFile());
        Console.ok("stack stopped");
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            Console.warn(e.getMessage());
        }
    }
}
