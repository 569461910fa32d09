package io.tradeflow.orders.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.customers.OpportunityWon;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.orders.service.OpportunityOrders;
import io.tradeflow.orders.service.OrderIntake;
import io.tradeflow.platform.messaging.TransientFailures;

/** Won opportunities from the CRM on {@code crm.opportunities}, onto the same path as every other order. */
@ApplicationScoped
public class OpportunityConsumer {
    @Inject
    OrderIntake intake;

    @Incoming("crm-opportunities")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return Uni.createFrom().deferred(() -> {
            CloudEvent event = Envelopes.open(record);
            if (!CloudEventTypes.CRM_OPPORTUNITY_WON.equals(event.type())) {
                throw new IllegalArgumentException("unexpected event type " + event.type() + " on crm.opportunities");
            }
            OpportunityWon won = Envelopes.payload(event, OpportunityWon.class);
            // Checked before any transaction: a bad opportunity goes to the DLQ naming its field.
            OpportunityOrders.canonical(won);
            return TransientFailures.retriedWhileTransient("Taking in won opportunity " + won.opportunityId(),
                    () -> intake.fromOpportunity(event.id(), won)).replaceWithVoid();
        });
    }
}
