package io.tradeflow.devstack.demo;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.tradeflow.devstack.stack.DevTokens;
import io.tradeflow.devstack.stack.ServiceSpec;

/** What a scenario may use: the broker, the running services and a way to authenticate to them. */
public record DemoContext(String kafkaBootstrap, List<ServiceSpec> services, DevTokens tokens) {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** REST calls to the running services with a dev token for a role. */
    public ServiceCalls rest() {
        return new ServiceCalls(this);
    }

    /** A producer like the simulators of external systems use: string key and JSON value, acks=all. */
    public KafkaProducer<String, String> producer(String clientId) {
        Properties props = new Properties();
        props.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"));
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** A consumer without a group: scenarios assign partitions themselves and read only what is new. */
    public KafkaConsumer<String, String> consumer(String clientId) {
        Properties props = new Properties();
        props.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"));
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}
