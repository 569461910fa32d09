package io.tradeflow.inventory.bench;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.tradeflow.contracts.events.KafkaCloudEvents;

/** The baseline: the same movement records produced and consumed straight back, no service in between. */
final class RawKafkaPipeline implements Pipeline {
    static final String TOPIC = "bench.raw-movements";

    @Override
    public String name() {
        return "raw Kafka produce->consume";
    }

    @Override
    public String inputTopic() {
        return TOPIC;
    }

    @Override
    public String outputTopic() {
        return TOPIC;
    }

    @Override
    public void onOutput(ConsumerRecord<String, String> record, Phase phase, long now) {
        String id = KafkaCloudEvents.get(record.headers(), KafkaCloudEvents.CE_ID);
        if (id != null && id.startsWith(phase.prefix + "-m")) {
            phase.complete(Integer.parseInt(id.substring(phase.prefix.length() + 2)), now);
        }
    }
}
