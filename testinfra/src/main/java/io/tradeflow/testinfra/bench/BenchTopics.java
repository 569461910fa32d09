package io.tradeflow.testinfra.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The topics a benchmark needs, created before anything produces to them: an idempotent producer's first
 * batches can be reordered around a topic's auto-creation (KAFKA-15591). The suite's own topics usually exist
 * already, since the test broker provisions them at start (EmbeddedServers), so only missing ones are made.
 */
public final class BenchTopics {
    public static void ensure(String bootstrap, int partitions, String... topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = Arrays.stream(topics).filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, Optional.of(partitions), Optional.empty())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
        }
    }

    private BenchTopics() {
    }
}
