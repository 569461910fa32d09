package io.tradeflow.orders.service;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.orders.OrderState;
import io.tradeflow.orders.client.BusinessRefusal;
import io.tradeflow.orders.client.InventoryCalls;
import io.tradeflow.orders.config.SagaConfig;
import io.tradeflow.orders.repository.CustomerOrder;
import io.tradeflow.orders.service.saga.StuckReason;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps the stock of orders still waiting for the warehouse held. Inventory lets a hold go after at most seven days,
 * so an order requested weeks ahead would lose its goods to the next customer long before it ships. Holds that
 * expire within {@code tradeflow.orders.hold-renew-ahead} are renewed for another reservation time to live.
 * A renewal is harmless twice (it only moves the expiry later), so replicas need not share the work and the call
 * is made outside any transaction. A hold inventory says has ended is forgotten; one that expired before the order
 * shipped means the goods may be sold, so the order is listed stuck SHORT_STOCK with a note on its timeline.
 */
@ApplicationScoped
public class HoldRenewals {
    private static final Logger LOG = Logger.getLogger(HoldRenewals.class);
    /** The states between the hold being made and the order's last shipment. */
    private static final String[] HOLDING = {OrderState.ALLOCATED.name(), OrderState.SUBMITTED.name(),
            OrderState.CONFIRMED.name(), OrderState.SHIPPED.name(), OrderState.DELIVERED.name()};
    private static final String DUE = "select id, correlation_id from customer_order where hold_expires_at < $1 "
            + "and state = any($2::varchar[]) order by hold_expires_at limit 100";

    @Inject
    Pool pool;
    @Inject
    InventoryCalls inventory;
    @Inject
    SagaConfig config;
    @Inject
    MeterRegistry registry;

    /** The expiry inventory gave a hold, from its answer; null when it gave none. */
    static OffsetDateTime expiryOf(JsonNode answer) {
        JsonNode at = answer.path("expiresAt");
        return at.isTextual() ? OffsetDateTime.parse(at.asText()) : null;
    }

    @Scheduled(every = "${tradeflow.orders.hold-renewal-scan-interval}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scan() {
        OffsetDateTime horizon = OffsetDateTime.now().plus(config.holdRenewAhead());
        return pool.preparedQuery(DUE).execute(Tuple.of(horizon, HOLDING))
                .chain(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(this::renew)
                        .collect().last())
                .replaceWithVoid();
    }

    private Uni<Void> renew(Row due) {
        String orderId = due.getString("id");
        return inventory.renew(orderId, config.reservationTtlSeconds(), due.getString("correlation_id"))
                .chain(answer -> renewed(orderId, expiryOf(answer)))
                .onFailure(BusinessRefusal.class).recoverWithUni(e -> ended(orderId, (BusinessRefusal) e))
                .onFailure().recoverWithUni(e -> {
                    // Inventory unreachable: the hold has a day's margin, and the next scan tries again.
                    LOG.warnf("Hold of order %s could not be renewed yet: %s", orderId, e.getMessage());
                    registry.counter("tradeflow.orders.holds.renewals", "outcome", "retrying").increment();
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> renewed(String orderId, OffsetDateTime expiresAt) {
        registry.counter("tradeflow.orders.holds.renewals", "outcome", "renewed").increment();
        // Only while the saga has not ended the hold meanwhile (a release racing this renewal).
        return pool.preparedQuery("update customer_order set hold_expires_at = $2 where id = $1 "
                        + "and hold_expires_at is not null and state = any($3::varchar[])")
                .execute(Tuple.of(orderId, expiresAt, HOLDING)).replaceWithVoid();
    }

    /** Inventory no longer holds anything for the order: shipped, released, or let go too soon. */
    private Uni<Void> ended(String orderId, BusinessRefusal refusal) {
        boolean lost = refusal.type() != null && refusal.type().endsWith("reservation-expired");
        registry.counter("tradeflow.orders.holds.renewals", "outcome", lost ? "expired" : "ended").increment();
        return Panache.withTransaction(() -> CustomerOrder.<CustomerOrder>findById(orderId,
                LockModeType.PESSIMISTIC_WRITE).chain(order -> {
                    if (order == null || order.holdExpiresAt == null) {
                        return Uni.createFrom().voidItem();
                    }
                    order.holdExpiresAt = null;
                    if (!lost || !List.of(HOLDING).contains(order.state)) {
                        return Uni.createFrom().voidItem();
                    }
                    return StuckFlag.raise(order, StuckReason.SHORT_STOCK, "stock hold expired before shipment "
                            + "and could not be renewed: the goods may have been sold (" + refusal.getMessage() + ")");
                }));
    }
}
