package io.tradeflow.orders.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.tradeflow.platform.messaging.TransientFailures;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.orders.CanonicalOrder;
import io.tradeflow.orders.service.OrderIntake;

/** Partner orders from the gateway on {@code orders.inbound}, onto the same path as REST orders. */
@ApplicationScoped
public class InboundOrderConsumer {
    @Inject
    OrderIntake intake;

    @Incoming("inbound-orders")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return Uni.createFrom().deferred(() -> {
            CloudEvent event = Envelopes.open(record);
            CanonicalOrder order = Envelopes.payload(event, CanonicalOrder.class);
            if (order.customerId() == null || order.lines() == null || order.lines().isEmpty()) {
                throw new IllegalArgumentException("customerId and at least one line are required");
            }
            if (order.channel() == null) {
                order = new CanonicalOrder(order.orderId(), order.customerId(), "partner", order.customerPoNumber(),
                        order.requestedDate(), order.shipTo(), order.currency(), order.lines(), order.quoteId(),
                        order.partnerRef());
            }
            CanonicalOrder canonical = order;
            // A database outage holds the partition; it never dead-letters a partner's order that was fine.
            return TransientFailures.retriedWhileTransient("Taking in partner order event " + event.id(),
                    () -> intake.inbound(event.id(), canonical)).replaceWithVoid();
        });
    }
}
