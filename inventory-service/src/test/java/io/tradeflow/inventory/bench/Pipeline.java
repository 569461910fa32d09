package io.tradeflow.inventory.bench;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What is measured: records go into one topic and their effect is read back from another. */
interface Pipeline {
    String name();

    String inputTopic();

    String outputTopic();

    /** Marks whatever this output record proves complete. */
    void onOutput(ConsumerRecord<String, String> record, Phase phase, long now);
}
