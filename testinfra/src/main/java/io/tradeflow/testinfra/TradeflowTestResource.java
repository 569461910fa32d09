package io.tradeflow.testinfra;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Wires a Quarkus service under test to the shared real Kafka and PostgreSQL ({@link EmbeddedServers}),
 * creating the service's own database (init arg {@code db}) and pointing JWT verification at the test
 * key pair ({@link TestTokens}). Put the same annotation on every {@code @QuarkusTest} class of a module so
 * Quarkus boots the app once.
 */
public class TradeflowTestResource implements QuarkusTestResourceLifecycleManager {
    private String database = "tradeflow";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("db", database);
    }

    @Override
    public Map<String, String> start() {
        String bootstrap = EmbeddedServers.kafkaBootstrapServers();
        EmbeddedServers.createDatabase(database);
        String hostPort = EmbeddedServers.pgHost() + ":" + EmbeddedServers.pgPort();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", bootstrap);
        config.put("quarkus.datasource.reactive.url", "postgresql://" + hostPort + "/" + database);
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPort + "/" + database);
        config.put("quarkus.datasource.username", "postgres");
        config.put("quarkus.datasource.password", EmbeddedServers.pgPassword());
        config.put("mp.jwt.verify.publickey.location", TestTokens.PUBLIC_KEY_LOCATION);
        config.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
        config.put("mp.jwt.verify.audiences", TestTokens.AUDIENCE);
        config.put("tradeflow.service-token", TestTokens.forRole("service"));
        return config;
    }

    @Override
    public void stop() {
        // The servers are shared by every test class of the JVM; a shutdown hook stops them.
    }
}
