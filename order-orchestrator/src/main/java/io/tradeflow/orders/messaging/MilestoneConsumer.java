package io.tradeflow.orders.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.orders.CarrierMilestone;
import io.tradeflow.orders.service.FulfilmentEvents;

/** Carrier tracking on {@code carrier.milestones}, a poll at a time; delivery moves the order on. */
@ApplicationScoped
public class MilestoneConsumer {
    static final String CONSUMER = "carrier-milestones";

    @Inject
    FulfilmentEvents events;
    @Inject
    SagaEventPolls polls;

    @Incoming("milestones")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return polls.consume(CONSUMER, records, event -> {
            CarrierMilestone milestone = Envelopes.payload(event, CarrierMilestone.class);
            if (milestone.status() == null) {
                throw new IllegalArgumentException("status is missing");
            }
            return events.milestone(event, milestone);
        });
    }
}
