package io.tradeflow.devstack.demo;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import io.tradeflow.contracts.common.Money;
import io.tradeflow.contracts.customers.CreditStatus;
import io.tradeflow.contracts.customers.ErpCustomer;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.tradeflow.contracts.events.Topics;
import io.tradeflow.contracts.orders.SalesOrderAccepted;
import io.tradeflow.contracts.inventory.ReservationPolicy;
import io.tradeflow.contracts.json.Json;
import io.tradeflow.contracts.pricing.ContractPrice;
import io.tradeflow.contracts.pricing.ListPrice;

/**
 * The ERP, CRM, WMS and carrier as the demo plays them: they publish CloudEvents on their topics and watch
 * the suite's commands, exactly as their real connectors would.
 */
public final class ExternalSystems implements AutoCloseable {
    private final DemoContext context;
    private final KafkaProducer<String, String> producer;

    public ExternalSystems(DemoContext context) {
        this.context = context;
        this.producer = context.producer("devstack-external-systems");
    }

    /** Publishes {@code payload} as a CloudEvent from {@code source}; returns the event id. */
    public String publish(String source, String topic, String key, String type, Object payload) throws Exception {
        CloudEvent event = CloudEvent.of("/" + source + "/simulator", type, key, "demo-" + UUID.randomUUID(),
                Json.write(payload));
        producer.send(new ProducerRecord<>(topic, null, key, event.data(), KafkaCloudEvents.headers(event))).get();
        return event.id();
    }

    /** The ERP's customer master for a customer in good standing: 50,000 USD limit, nothing open. */
    public void erpCustomer(String customerId, String name, ReservationPolicy policy) throws Exception {
        publish("erp", Topics.ERP_CUSTOMERS, customerId, CloudEventTypes.ERP_CUSTOMER, new ErpCustomer(customerId, name,
                Money.of("50000", "USD"), Money.of("0", "USD"), CreditStatus.OK, policy, null, 1, OffsetDateTime.now()));
    }

    /** The ERP's list price of a SKU, 25.00 USD each. */
    public void erpListPrice(String sku) throws Exception {
        publish("erp", Topics.ERP_PRICES, "LP-" + sku, CloudEventTypes.LIST_PRICE,
                new ListPrice("LP-" + sku, 1, false, sku, Money.of("25.00", "USD"), "EA", null, null));
    }

    /** A customer's ERP contract price of a SKU, 21.50 USD each, valid from yesterday for a year. */
    public void erpContractPrice(String customerId, String sku) throws Exception {
        publish("erp", Topics.ERP_PRICES, "CP-" + customerId, CloudEventTypes.CONTRACT_PRICE,
                new ContractPrice("CP-" + customerId, 1, false, "K-" + customerId, customerId, sku,
                        Money.of("21.50", "USD"), "EA", java.time.LocalDate.now().minusDays(1),
                        java.time.LocalDate.now().plusYears(1)));
    }

    /** A consumer positioned at the end of {@code topic}, to see only what happens from now on. */
    public KafkaConsumer<String, String> watch(String topic) {
        KafkaConsumer<String, String> consumer = context.consumer("devstack-watch-" + topic);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** The first record matching {@code match} within {@code wait}, or null. */
    public static ConsumerRecord<String, String> await(KafkaConsumer<String, String> consumer,
                                                       Predicate<ConsumerRecord<String, String>> match, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                if (match.test(record)) {
                    return record;
                }
            }
        }
        return null;
    }

    /**
     * The ERP accepts, as {@code erpOrderNumber}, the sales order that arrives on {@code erpInbox} carrying
     * {@code poNumber}; the order id, or null when none arrived within {@code wait}.
     */
    public String acceptSalesOrder(KafkaConsumer<String, String> erpInbox, String poNumber, String erpOrderNumber,
                                   Duration wait) throws Exception {
        ConsumerRecord<String, String> create = await(erpInbox,
                r -> CloudEventTypes.CREATE_SALES_ORDER.equals(type(r)) && r.value().contains(poNumber), wait);
        if (create == null) {
            return null;
        }
        String orderId = create.key();
        publish("erp", Topics.ERP_SALES_ORDER_EVENTS, orderId, CloudEventTypes.SALES_ORDER_ACCEPTED,
                new SalesOrderAccepted(orderId, erpOrderNumber, OffsetDateTime.now()));
        System.out.printf("  ERP      accepted order %s as %s%n", orderId, erpOrderNumber);
        return orderId;
    }

    public static String type(ConsumerRecord<String, String> record) {
        return KafkaCloudEvents.get(record.headers(), KafkaCloudEvents.CE_TYPE);
    }

    @Override
    public void close() {
        producer.close();
    }
}
