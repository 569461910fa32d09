package io.tradeflow.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.tradeflow.testinfra.EmbeddedServers;
import io.tradeflow.testinfra.TradeflowTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The relay against a real PostgreSQL and Kafka: what is committed reaches Kafka once, in order; old rows go. */
@QuarkusTest
@QuarkusTestResource(value = TradeflowTestResource.class, initArgs = @ResourceArg(name = "db", value = "platform"))
class OutboxRelayTest {
    final KafkaCompanion kafka = EmbeddedServers.kafkaCompanion();

    @Inject
    OutboxRelay relay;
    @Inject
    Pool pool;

    @Test
    void committedEventsReachKafkaInCommitOrderAsCloudEventsAndAreMarkedPublished() {
        String topic = "platform.test." + UUID.randomUUID();
        // Created first, as every real topic is (see EmbeddedServers.provisionTopics for why not auto-created).
        kafka.topics().createAndWait(topic, 3, Duration.ofSeconds(15));
        List<String> ids = List.of(insert(topic, "SKU-1", null), insert(topic, "SKU-1", null), insert(topic, "SKU-1", null));

        relay.relayBatch().await().atMost(Duration.ofSeconds(10));

        List<ConsumerRecord<String, String>> records = kafka.consumeStrings().fromTopics(topic, 3)
                .awaitCompletion(Duration.ofSeconds(15)).getRecords();
        assertThat(records).extracting(r -> new String(r.headers().lastHeader(KafkaCloudEvents.CE_ID).value()))
                .containsExactlyElementsOf(ids);
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo("SKU-1"));
        assertThat(unpublished(ids)).isZero();

        relay.relayBatch().await().atMost(Duration.ofSeconds(10));
        assertThat(kafka.consumeStrings().fromTopics(topic, Duration.ofSeconds(3))
                .awaitCompletion(Duration.ofSeconds(15)).count())
                .as("a second relay pass republishes nothing").isEqualTo(3);
    }

    @Test
    void pruneDeletesOnlyPublishedEventsPastRetentionNeverPendingOnes() {
        String topic = "platform.test." + UUID.randomUUID();
        String oldPublished = insert(topic, "K", "now() - interval '8 days'");
        String recentPublished = insert(topic, "K", "now() - interval '1 hour'");
        String pending = insert(topic, "K", null);
        pool.preparedQuery("update outbox_event set created_at = now() - interval '30 days' where id = $1")
                .execute(Tuple.of(pending)).await().indefinitely();

        assertThat(relay.prune().await().atMost(Duration.ofSeconds(10))).isGreaterThanOrEqualTo(1);

        assertThat(exists(oldPublished)).isFalse();
        assertThat(exists(recentPublished)).isTrue();
        assertThat(exists(pending)).as("an unpublished event is never pruned").isTrue();
    }

    private String insert(String topic, String key, String publishedAt) {
        String id = UUID.randomUUID().toString();
        pool.preparedQuery("insert into outbox_event (id, topic, event_key, type, source, subject, payload, occurred_at, "
                        + "published_at) values ($1, $2, $3, 'tradeflow.test.thing-happened.v1', '/tradeflow/test', $3, "
                        + "'{}', now(), " + (publishedAt == null ? "null" : publishedAt) + ")")
                .execute(Tuple.of(id, topic, key)).await().indefinitely();
        return id;
    }

    private long unpublished(List<String> ids) {
        return pool.preparedQuery("select count(*) from outbox_event where id = any($1) and published_at is null")
                .execute(Tuple.of(ids.toArray(new String[0]))).await().indefinitely().iterator().next().getLong(0);
    }

    private boolean exists(String id) {
        return pool.preparedQuery("select 1 from outbox_event where id = $1").execute(Tuple.of(id))
                .await().indefinitely().size() == 1;
    }
}
