package io.tradeflow.orders.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.tradeflow.orders.service.FulfilmentEvents;
import io.tradeflow.orders.service.SagaPosting.Fire;
import io.tradeflow.orders.service.SagaPosting.Outcome;
import io.tradeflow.platform.messaging.TransientFailures;

/**
 * The shape every saga-event consumer shares: a whole poll in one transaction (FulfilmentEvents). Records that
 * cannot be read, name an unknown order or whose effect fails go to {@code <topic>.dlq} with the reason; the poll
 * is acknowledged only after those sends. A poll failing for a passing reason (connection, deadlock,
 * serialization) is retried whole, so an outage holds the partition and loses nothing; one failing
 * deterministically is applied record by record, so only the record at fault is dead-lettered.
 */
@ApplicationScoped
public class SagaEventPolls {
    private static final Logger LOG = Logger.getLogger(SagaEventPolls.class);

    @Inject
    FulfilmentEvents events;
    @Inject
    ConsumerDeadLetters deadLetters;

    /** Turns one opened CloudEvent into its saga event; throws IllegalArgumentException naming what is wrong. */
    @FunctionalInterface
    interface Reading {
        Fire read(CloudEvent event);
    }

    Uni<Void> consume(String consumer, ConsumerRecords<String, String> records, Reading reading) {
        List<ConsumerRecord<String, String>> accepted = new ArrayList<>();
        List<Fire> fires = new ArrayList<>();
        List<Uni<Void>> dead = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                fires.add(reading.read(KafkaCloudEvents.read(record.headers(), record.value())));
                accepted.add(record);
            } catch (RuntimeException e) {
                dead.add(deadLetters.send(record, reason(e), e));
            }
        }
        if (fires.isEmpty()) {
            return all(dead);
        }
        return patiently(consumer, fires)
                .map(outcomes -> deadLettersOf(outcomes, accepted, fires, dead))
                .onFailure(failure -> !TransientFailures.isTransient(failure)).recoverWithUni(failure -> {
                    LOG.warnf("A poll of %d %s events failed (%s); applying them one by one to find the cause",
                            fires.size(), consumer, failure.getMessage());
                    return oneByOne(consumer, fires, accepted, dead);
                })
                .chain(this::all);
    }

    private List<Uni<Void>> deadLettersOf(List<Outcome> outcomes, List<ConsumerRecord<String, String>> accepted,
                                          List<Fire> fires, List<Uni<Void>> dead) {
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            if (o.unknown()) {
                dead.add(deadLetters.send(accepted.get(i), "order " + fires.get(i).orderId()
                        + " is unknown to the orchestrator", null));
            } else if (o.failure() != null) {
                dead.add(deadLetters.send(accepted.get(i), reason(o.failure()), o.failure()));
            }
        }
        return dead;
    }

    private Uni<List<Uni<Void>>> oneByOne(String consumer, List<Fire> fires,
                                          List<ConsumerRecord<String, String>> accepted, List<Uni<Void>> dead) {
        Uni<List<Uni<Void>>> chain = Uni.createFrom().item(dead);
        for (int i = 0; i < fires.size(); i++) {
            Fire fire = fires.get(i);
            ConsumerRecord<String, String> record = accepted.get(i);
            chain = chain.chain(list -> patiently(consumer, List.of(fire))
                    .map(outcomes -> deadLettersOf(outcomes, List.of(record), List.of(fire), list))
                    .onFailure(failure -> !TransientFailures.isTransient(failure)).recoverWithItem(failure -> {
                        list.add(deadLetters.send(record, reason(failure), failure));
                        return list;
                    }));
        }
        return chain;
    }

    private Uni<List<Outcome>> patiently(String consumer, List<Fire> fires) {
        return TransientFailures.retriedWhileTransient(() -> events.apply(consumer, fires), failure -> LOG.warnf(
                "Applying %d %s events failed for a passing reason, retrying: %s", fires.size(), consumer,
                failure.getMessage()));
    }

    private static String reason(Throwable e) {
        return e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    }

    private Uni<Void> all(List<Uni<Void>> sends) {
        return sends.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(sends).andFailFast().replaceWithVoid();
    }
}
