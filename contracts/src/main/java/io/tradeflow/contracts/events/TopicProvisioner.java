package io.tradeflow.contracts.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;


/**
 * Creates every topic of the suite and its dead-letter topic. The list comes from the contracts module
 * ({@link Topics#ALL}) so a topic added there appears in the local stack without an edit here.
 */
public final class TopicProvisioner {
    /** Topics whose consumers want the latest value per key rather than the history. */
    private static final Set<String> COMPACTED = Set.of(Topics.INVENTORY_AVAILABILITY);
    /** Enough to show per-key ordering across partitions on a dev box, cheap enough for one node. */
    private static final int PARTITIONS = 3;

    public static List<NewTopic> wanted() {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            NewTopic main = new NewTopic(topic, Optional.of(PARTITIONS), Optional.empty());
            if (COMPACTED.contains(topic)) {
                main.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            topics.add(main);
            topics.add(new NewTopic(Topics.dlq(topic), Optional.of(1), Optional.empty()));
        }
        return topics;
    }

    /** Creates what is missing; returns how many topics were created (0 on a rerun with kept data). */
    public static int provision(Admin admin) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = wanted().stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
            return missing.size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private TopicProvisioner() {
    }
}
