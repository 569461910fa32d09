package io.tradeflow.inventory.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.inventory.InventorySnapshot;
import io.tradeflow.inventory.repository.Location;
import io.tradeflow.inventory.repository.MovementRecord;
import io.tradeflow.inventory.repository.Reconciliation;
import io.tradeflow.inventory.repository.ReconciliationLine;
import io.tradeflow.inventory.repository.StockLevel;
import io.tradeflow.platform.inbox.Inbox;

/**
 * Compares an ERP inventory snapshot with our stock at the snapshot's time and keeps the drift; it never
 * overwrites our state. Both sides count physical goods (ERP on-hand includes units we hold for orders),
 * so reservations are not subtracted from either. Our figure at the snapshot's time is the movement log
 * replayed up to that time, so movements after the count are accounted for.
 */
@ApplicationScoped
public class Reconciler {
    static final String CONSUMER = "inventory-snapshots";

    @Inject
    Inbox inbox;
    @Inject
    MeterRegistry registry;

    public Uni<Void> reconcile(String eventId, InventorySnapshot snapshot) {
        if (snapshot.location() == null || snapshot.takenAt() == null || snapshot.lines() == null) {
            return Uni.createFrom().failure(new InvalidMovementException("snapshot",
                    "snapshot needs location, takenAt and lines"));
        }
        String snapshotId = snapshot.snapshotId() == null ? eventId : snapshot.snapshotId();
        return Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, eventId).chain(first -> !first
                ? Uni.createFrom().voidItem()
                : Location.<Location>findById(snapshot.location())
                        .onItem().ifNull().failWith(() -> new InvalidMovementException("location",
                                "location " + snapshot.location() + " is not a known location"))
                        .chain(location -> compare(snapshotId, snapshot))));
    }

    private Uni<Void> compare(String snapshotId, InventorySnapshot snapshot) {
        return StockLevel.<StockLevel>list("locationId", snapshot.location()).chain(levels ->
                MovementRecord.<MovementRecord>list("(locationId = ?1 or toLocationId = ?1) and occurredAt <= ?2 "
                        + "order by seq", snapshot.location(), snapshot.takenAt()).chain(log -> {
                    Map<String, StockLevel> atSnapshot = StockReplay.replay(log);
                    Set<String> skus = new LinkedHashSet<>();
                    snapshot.lines().forEach(l -> skus.add(l.sku()));
                    levels.forEach(l -> skus.add(l.sku));
                    List<ReconciliationLine> lines = new ArrayList<>();
                    for (String sku : skus) {
                        BigDecimal erp = snapshot.lines().stream().filter(l -> l.sku().equals(sku))
                                .map(InventorySnapshot.Line::onHand).reduce(BigDecimal.ZERO, BigDecimal::add);
                        BigDecimal now = levels.stream().filter(l -> l.sku.equals(sku)).map(l -> l.onHand)
                                .findFirst().orElse(BigDecimal.ZERO);
                        BigDecimal then = StockReplay.onHand(atSnapshot, sku, snapshot.location());
                        ReconciliationLine line = new ReconciliationLine();
                        line.snapshotId = snapshotId;
                        line.sku = sku;
                        line.erpOnHand = erp;
                        line.oursAtSnapshot = then;
                        line.movedSince = now.subtract(then);
                        line.drift = erp.subtract(then);
                        lines.add(line);
                    }
                    registry.counter("tradeflow.inventory.reconciliation.drifting-lines")
                            .increment(lines.stream().filter(l -> l.drift.signum() != 0).count());
                    Reconciliation report = new Reconciliation();
                    report.snapshotId = snapshotId;
                    report.locationId = snapshot.location();
                    report.takenAt = snapshot.takenAt();
                    report.receivedAt = OffsetDateTime.now();
                    return report.persist().chain(() -> Panache.getSession()
                            .chain(s -> s.persistAll(lines.toArray()))).replaceWithVoid();
                }));
    }
}
