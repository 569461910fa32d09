package io.tradeflow.inventory.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.inventory.ReservationOutcome;
import io.tradeflow.contracts.inventory.ReservationPolicy;
import io.tradeflow.contracts.inventory.ReservationRequest;
import io.tradeflow.contracts.inventory.ReservationStatus;
import io.tradeflow.inventory.repository.Location;
import io.tradeflow.inventory.repository.Reservation;
import io.tradeflow.inventory.repository.ReservationAllocation;
import io.tradeflow.inventory.repository.StockLevel;
import io.tradeflow.inventory.repository.StockRepository;
import io.tradeflow.platform.outbox.OutboxRelay;

/**
 * Holds stock for orders without ever overselling: every reservation locks its SKUs (sorted, so
 * concurrent ones queue instead of deadlocking), allocates from the locations that serve the channel,
 * and records where each unit is held. The same reservation id always gets the same answer.
 */
@ApplicationScoped
public class ReservationDesk {
    static final int DEFAULT_TTL_SECONDS = 900;

    @Inject
    StockRepository stock;
    @Inject
    AvailabilityPublisher availability;
    @Inject
    ReservationRelease release;
    @Inject
    OutboxRelay relay;
    @Inject
    ObjectMapper mapper;
    @Inject
    MeterRegistry registry;

    public Uni<ReservationOutcome> reserve(ReservationRequest request) {
        return Panache.withTransaction(() -> lockReservationId(request.reservationId())
                        .chain(() -> Reservation.<Reservation>findById(request.reservationId()))
                        .chain(existing -> existing != null ? Uni.createFrom().item(release.outcomeOf(existing))
                                : allocate(request)))
                .invoke(outcome -> {
                    registry.counter("tradeflow.inventory.reservations", "outcome", outcome.status().name()).increment();
                    relay.wakeUp();
                });
    }

    /**
     * A caller retrying before its first attempt answered sends the same reservation id concurrently; this
     * transaction-scoped lock on the id makes the retry wait and then replay the stored outcome instead of
     * allocating a second time (or failing on the primary key).
     */
    private static Uni<Void> lockReservationId(String reservationId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtext(?1))) locked")
                .setParameter(1, reservationId)
                .getSingleResult()).replaceWithVoid();
    }

    private Uni<ReservationOutcome> allocate(ReservationRequest request) {
        Map<String, BigDecimal> wanted = new LinkedHashMap<>();
        request.lines().forEach(l -> wanted.merge(l.sku(), l.quantity(), BigDecimal::add));
        List<String> skus = List.copyOf(wanted.keySet());
        return stock.lockSkus(skus).chain(states -> availability.locations().chain(locations ->
                stock.levels(skus).chain(levels -> {
                    Map<String, StockPicture> before = availability.pictures(skus, levels, locations);
                    List<ReservationAllocation> allocations = new ArrayList<>();
                    List<ReservationOutcome.Line> lines = new ArrayList<>();
                    for (Map.Entry<String, BigDecimal> want : wanted.entrySet()) {
                        BigDecimal held = allocateLine(request, want.getKey(), want.getValue(), levels, locations,
                                allocations);
                        BigDecimal missing = want.getValue().subtract(held);
                        lines.add(new ReservationOutcome.Line(want.getKey(), StockPicture.plain(want.getValue()),
                                StockPicture.plain(held), request.policy() == ReservationPolicy.PARTIAL
                                        ? StockPicture.plain(missing) : BigDecimal.ZERO, StockPicture.plain(missing)));
                    }
                    boolean shortfall = lines.stream().anyMatch(l -> l.shortfall().signum() > 0);
                    boolean refused = shortfall && request.policy() == ReservationPolicy.ALL_OR_NOTHING;
                    OffsetDateTime expiresAt = OffsetDateTime.now().plusSeconds(ttl(request));
                    if (refused) {
                        // Nothing is held: the levels touched in memory are not written back.
                        List<ReservationOutcome.Line> refusedLines = lines.stream().map(l -> new ReservationOutcome.Line(
                                l.sku(), l.requested(), BigDecimal.ZERO, BigDecimal.ZERO, l.shortfall())).toList();
                        return save(request, ReservationStatus.INSUFFICIENT_STOCK, refusedLines, expiresAt, List.of());
                    }
                    applyHolds(allocations, levels);
                    ReservationStatus status = shortfall ? ReservationStatus.PARTIALLY_HELD : ReservationStatus.HELD;
                    Map<String, StockPicture> after = availability.pictures(skus, levels, locations);
                    return save(request, status, lines, expiresAt, allocations)
                            .call(() -> availability.publishChanges(states, before, after,
                                    "reservation:" + request.reservationId(), OffsetDateTime.now()));
                })));
    }

    /** Takes from the channel's locations with the most available first; returns the quantity held. */
    private static BigDecimal allocateLine(ReservationRequest request, String sku, BigDecimal quantity,
                                           List<StockLevel> levels, Map<String, Location> locations,
                                           List<ReservationAllocation> allocations) {
        List<StockLevel> candidates = levels.stream()
                .filter(l -> l.sku.equals(sku) && locations.containsKey(l.locationId)
                        && StockPicture.channelsOf(locations.get(l.locationId)).contains(request.channel()))
                .sorted(Comparator.comparing((StockLevel l) -> available(l, locations)).reversed()
                        .thenComparing(l -> l.locationId))
                .toList();
        BigDecimal remaining = quantity;
        for (StockLevel level : candidates) {
            BigDecimal take = available(level, locations).min(remaining);
            if (take.signum() <= 0) {
                continue;
            }
            ReservationAllocation allocation = new ReservationAllocation();
            allocation.reservationId = request.reservationId();
            allocation.sku = sku;
            allocation.locationId = level.locationId;
            allocation.quantity = take;
            allocations.add(allocation);
            remaining = remaining.subtract(take);
            if (remaining.signum() == 0) {
                break;
            }
        }
        return quantity.subtract(remaining);
    }

    private static BigDecimal available(StockLevel level, Map<String, Location> locations) {
        return StockPicture.atp(level.onHand, level.reserved, locations.get(level.locationId).safetyStock,
                level.unavailable);
    }

    private static void applyHolds(List<ReservationAllocation> allocations, List<StockLevel> levels) {
        for (ReservationAllocation allocation : allocations) {
            levels.stream().filter(l -> l.sku.equals(allocation.sku) && l.locationId.equals(allocation.locationId))
                    .findFirst().ifPresent(l -> {
                        l.reserved = l.reserved.add(allocation.quantity);
                        l.updatedAt = OffsetDateTime.now();
                    });
        }
    }

    private Uni<ReservationOutcome> save(ReservationRequest request, ReservationStatus status,
                                         List<ReservationOutcome.Line> lines, OffsetDateTime expiresAt,
                                         List<ReservationAllocation> allocations) {
        ReservationOutcome outcome = new ReservationOutcome(request.reservationId(), request.orderId(), status,
                request.policy(), lines, expiresAt);
        Reservation reservation = new Reservation();
        reservation.id = request.reservationId();
        reservation.orderId = request.orderId();
        reservation.channel = request.channel();
        reservation.policy = request.policy().name();
        reservation.status = status.name();
        reservation.expiresAt = expiresAt;
        reservation.outcome = release.json(outcome);
        return reservation.persist()
                .chain(() -> allocations.isEmpty() ? Uni.createFrom().voidItem()
                        : Panache.getSession().chain(s -> s.persistAll(allocations.toArray())))
                .replaceWith(outcome);
    }

    private static int ttl(ReservationRequest request) {
        return request.ttlSeconds() == null ? DEFAULT_TTL_SECONDS : request.ttlSeconds();
    }
}
