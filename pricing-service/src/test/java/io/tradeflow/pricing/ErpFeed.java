package io.tradeflow.pricing;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.tradeflow.contracts.events.Topics;
import io.tradeflow.testinfra.EmbeddedServers;

/** Plays the ERP and CRM connectors (systems outside the suite) by producing their events to the real broker. */
final class ErpFeed {
    /** Upper bound for asynchronous effects on a busy shared 2-core machine; not a speed assertion. */
    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final KafkaCompanion KAFKA = EmbeddedServers.kafkaCompanion();

    static String send(String type, String key, String json) {
        return sendAs(UUID.randomUUID().toString(), Topics.ERP_PRICES, type, key, json);
    }

    static String sendAs(String eventId, String topic, String type, String key, String json) {
        CloudEvent event = new CloudEvent(eventId, "/erp/test", type, key, OffsetDateTime.now(), "corr-" + eventId,
                null, json);
        KAFKA.produceStrings().fromRecords(new ProducerRecord<>(topic, null, key, json, KafkaCloudEvents.headers(event)))
                .awaitCompletion(Duration.ofSeconds(10));
        return eventId;
    }

    static void listPrice(String id, long version, String sku, String amount) {
        send(CloudEventTypes.LIST_PRICE, sku, "{\"erpRecordId\":\"" + id + "\",\"version\":" + version
                + ",\"deleted\":false,\"sku\":\"" + sku + "\",\"price\":{\"amount\":" + amount
                + ",\"currency\":\"USD\"},\"unitOfMeasure\":\"EA\"}");
    }

    static void account(String customerId, String tier, String buyingGroup) {
        String json = "{\"customerId\":\"" + customerId + "\",\"name\":\"Test " + customerId + "\",\"tier\":\"" + tier
                + "\",\"segment\":\"industrial\"" + (buyingGroup == null ? "" : ",\"buyingGroup\":\"" + buyingGroup + "\"")
                + ",\"updatedAt\":\"" + OffsetDateTime.now() + "\"}";
        sendAs(UUID.randomUUID().toString(), Topics.CRM_ACCOUNTS, CloudEventTypes.CRM_ACCOUNT, customerId, json);
    }

    static String sku() {
        return "SKU-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private ErpFeed() {
    }
}
