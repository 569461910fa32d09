package io.tradeflow.inventory.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tradeflow.inventory.repository.Reconciliation;
import io.tradeflow.inventory.repository.ReconciliationLine;

/** The latest drift per location: what operations look at before correcting either side. */
@ApplicationScoped
public class ReconciliationReport {

    public record Line(String sku, BigDecimal erpOnHand, BigDecimal oursAtSnapshot, BigDecimal movedSince,
                       BigDecimal drift) {
    }

    public record LocationReport(String location, String snapshotId, OffsetDateTime takenAt, int skus,
                                 int drifting, List<Line> lines) {
    }

    public Uni<List<LocationReport>> latest() {
        return Panache.withSession(() -> Reconciliation.<Reconciliation>find(
                        "from Reconciliation r where r.takenAt = (select max(x.takenAt) from Reconciliation x "
                                + "where x.locationId = r.locationId) order by r.locationId").list()
                .chain(reports -> Multi.createFrom().iterable(reports).onItem()
                        .transformToUniAndConcatenate(this::report).collect().asList()));
    }

    private Uni<LocationReport> report(Reconciliation r) {
        return ReconciliationLine.<ReconciliationLine>list("snapshotId = ?1 order by sku", r.snapshotId)
                .map(lines -> {
                    List<Line> view = lines.stream().map(l -> new Line(l.sku, StockPicture.plain(l.erpOnHand),
                            StockPicture.plain(l.oursAtSnapshot), StockPicture.plain(l.movedSince),
                            StockPicture.plain(l.drift))).toList();
                    int drifting = (int) view.stream().filter(l -> l.drift().signum() != 0).count();
                    return new LocationReport(r.locationId, r.snapshotId, r.takenAt, view.size(), drifting, view);
                });
    }
}
