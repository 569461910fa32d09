package io.tradeflow.pricing.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.tradeflow.contracts.events.Topics;
import io.tradeflow.testinfra.EmbeddedServers;

/** The benchmark's ERP and CRM: list, tier, volume-break and promotion records, and the basket it quotes. */
final class BenchCatalog {

    static void seed(int skus) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        records.add(record(Topics.CRM_ACCOUNTS, CloudEventTypes.CRM_ACCOUNT, "BENCH-1",
                "{\"customerId\":\"BENCH-1\",\"tier\":\"GOLD\",\"segment\":\"industrial\"}"));
        for (int i = 0; i < skus; i++) {
            String sku = "BENCH-" + i;
            records.add(record(Topics.ERP_PRICES, CloudEventTypes.LIST_PRICE, sku, "{\"erpRecordId\":\"LP-" + sku
                    + "\",\"version\":1,\"sku\":\"" + sku + "\",\"price\":{\"amount\":" + (10 + i) + ".25,\"currency\":\"USD\"}}"));
            if (i % 2 == 0) {
                records.add(record(Topics.ERP_PRICES, CloudEventTypes.TIER_PRICE, sku, "{\"erpRecordId\":\"TP-" + sku
                        + "\",\"version\":1,\"tier\":\"GOLD\",\"sku\":\"" + sku + "\",\"price\":{\"amount\":" + (9 + i)
                        + ".10,\"currency\":\"USD\"}}"));
            }
            records.add(record(Topics.ERP_PRICES, CloudEventTypes.VOLUME_BREAK, sku, "{\"erpRecordId\":\"VB-" + sku
                    + "\",\"version\":1,\"sku\":\"" + sku + "\",\"level\":\"LIST\",\"minimumQuantity\":5,\"percentOff\":5}"));
            if (i % 3 == 0) {
                records.add(record(Topics.ERP_PRICES, CloudEventTypes.PROMOTION, sku, "{\"erpRecordId\":\"PR-" + sku
                        + "\",\"version\":1,\"promotionId\":\"P-" + sku + "\",\"percentOff\":3,\"skus\":[\"" + sku
                        + "\"],\"channels\":[\"storefront\"],\"stackable\":true}"));
            }
        }
        EmbeddedServers.kafkaCompanion().produceStrings().fromRecords(records).awaitCompletion(Duration.ofSeconds(60));
    }

    static String tenLineQuote(int skus) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            lines.append(i == 0 ? "" : ",").append("{\"sku\":\"BENCH-").append(i * 17 % skus)
                    .append("\",\"quantity\":").append(1 + i).append(",\"unitOfMeasure\":\"EA\"}");
        }
        return "{\"customerId\":\"BENCH-1\",\"channel\":\"storefront\",\"currency\":\"USD\",\"lines\":[" + lines + "]}";
    }

    static ProducerRecord<String, String> record(String topic, String type, String key, String json) {
        CloudEvent event = CloudEvent.of("/bench/erp", type, key, "bench-" + UUID.randomUUID(), json);
        return new ProducerRecord<>(topic, null, key, json, KafkaCloudEvents.headers(event));
    }

    private BenchCatalog() {
    }
}
