package io.tradeflow.inventory.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Tracer;
import io.smallrye.mutiny.Uni;
import io.tradeflow.inventory.service.MovementEntry;
import io.tradeflow.inventory.service.MovementIntake;
import io.tradeflow.inventory.service.PostingOutcome;
import io.tradeflow.platform.messaging.TransientFailures;

/**
 * Warehouse scans from {@code wms.stock-movements} (key = SKU, so one SKU's movements arrive in order), a whole
 * poll at a time: the poll's valid movements are applied in one transaction (MovementIntake), the ones that
 * cannot be applied go to {@code wms.stock-movements.dlq} with the reason, and the poll is acknowledged (its
 * offsets committed) only after both. A poll that fails for a passing reason (connection, deadlock,
 * serialization) is retried whole; one that fails deterministically is retried record by record, so the record
 * at fault is dead-lettered and the rest applied: nothing is lost and the partition never blocks on one record.
 */
@ApplicationScoped
public class StockMovementConsumer {
    private static final Logger LOG = Logger.getLogger(StockMovementConsumer.class);

    @Inject
    MovementIntake intake;
    @Inject
    MovementDeadLetters deadLetters;
    @Inject
    Tracer tracer;

    /** The records arrive read (StockMovementDeserializer, on the polling thread): a movement or why not. */
    @Incoming("stock-movements")
    public Uni<Void> consume(ConsumerRecords<String, ReadMovement> records) {
        List<ConsumerRecord<String, ReadMovement>> accepted = new ArrayList<>();
        List<MovementEntry> entries = new ArrayList<>();
        List<Uni<Void>> dead = new ArrayList<>();
        PollTrace trace = new PollTrace(tracer, records.count());
        for (ConsumerRecord<String, ReadMovement> record : records) {
            ReadMovement read = record.value();
            if (read != null && read.entry() != null) {
                entries.add(trace.traced(read.entry(), record));
                accepted.add(record);
            } else {
                trace.unreadable();
                dead.add(deadLetters.send(record, read == null
                        ? new IllegalArgumentException("record has no value") : read.unreadable()));
            }
        }
        if (entries.isEmpty()) {
            return all(dead).onTermination().invoke((v, failure, cancelled) -> trace.end(failure));
        }
        long started = System.nanoTime();
        return postPatiently(entries)
                .invoke(outcome -> {
                    if (LOG.isDebugEnabled()) {
                        LOG.debugf("Poll of %d movements posted in %.1f ms, %d events",
                                (Object) entries.size(), (System.nanoTime() - started) / 1e6, outcome.published());
                    }
                })
                .map(outcome -> deadLettersOf(outcome, accepted, dead, trace, 0))
                .onFailure(failure -> !TransientFailures.isTransient(failure)).recoverWithUni(failure -> {
                    LOG.warnf("A poll of %d movements failed (%s); applying them one by one to find the cause",
                            entries.size(), failure.getMessage());
                    return oneByOne(entries, accepted, dead, trace);
                })
                .chain(this::all)
                .onTermination().invoke((v, failure, cancelled) -> trace.end(failure));
    }

    /** @param first index in the poll's movements of {@code accepted}'s first record */
    private List<Uni<Void>> deadLettersOf(PostingOutcome outcome, List<ConsumerRecord<String, ReadMovement>> accepted,
                                          List<Uni<Void>> dead, PollTrace trace, int first) {
        for (int i = 0; i < accepted.size(); i++) {
            if (outcome.refusal(i) != null) {
                trace.refused(first + i, outcome.refusal(i));
                dead.add(deadLetters.send(accepted.get(i), outcome.refusal(i)));
            }
        }
        return dead;
    }

    /** Each movement in its own transaction, in order; the ones that still fail are dead-lettered. */
    private Uni<List<Uni<Void>>> oneByOne(List<MovementEntry> entries, List<ConsumerRecord<String, ReadMovement>> accepted,
                                          List<Uni<Void>> dead, PollTrace trace) {
        Uni<List<Uni<Void>>> chain = Uni.createFrom().item(dead);
        for (int i = 0; i < entries.size(); i++) {
            int index = i;
            MovementEntry entry = entries.get(i);
            ConsumerRecord<String, ReadMovement> record = accepted.get(i);
            chain = chain.chain(list -> postPatiently(List.of(entry))
                    .map(outcome -> deadLettersOf(outcome, List.of(record), list, trace, index))
                    .onFailure(failure -> !TransientFailures.isTransient(failure)).recoverWithItem(failure -> {
                        trace.refused(index, failure);
                        list.add(deadLetters.send(record, failure));
                        return list;
                    }));
        }
        return chain;
    }

    /** Retries passing failures until they pass: an outage of the database holds the partition, loses nothing. */
    private Uni<PostingOutcome> postPatiently(List<MovementEntry> entries) {
        return TransientFailures.retriedWhileTransient(() -> intake.post(entries), failure -> LOG.warnf(
                "Applying %d movements failed for a passing reason, retrying: %s", entries.size(), failure.getMessage()));
    }

    private Uni<Void> all(List<Uni<Void>> sends) {
        return sends.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(sends).andFailFast().replaceWithVoid();
    }
}
