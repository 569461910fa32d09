package io.tradeflow.orders.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.orders.CarrierMilestone;
import io.tradeflow.orders.service.FulfilmentEvents;

/** Carrier tracking on {@code carrier.milestones}; delivery moves the order on. */
@ApplicationScoped
public class MilestoneConsumer {
    static final String CONSUMER = "carrier-milestones";

    @Inject
    FulfilmentEvents events;

    @Incoming("milestones")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return Uni.createFrom().deferred(() -> {
            CloudEvent event = Envelopes.open(record);
            CarrierMilestone milestone = Envelopes.payload(event, CarrierMilestone.class);
            if (milestone.status() == null) {
                throw new IllegalArgumentException("status is missing");
            }
            return events.milestone(CONSUMER, event.id(), milestone);
        });
    }
}
