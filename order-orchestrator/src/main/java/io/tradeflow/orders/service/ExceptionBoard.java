package io.tradeflow.orders.service;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Exceptions by business impact: what is stuck, why, and how much order value waits on it, so operations work the
 * costliest first. Stuck orders carry the fixed reason taxonomy; dead letters not replayed yet are counted beside
 * them (those keyed by an order also make it stuck IN_DLQ). Values are summed per currency and never converted;
 * the ranking of single orders compares amounts as they are, which assumes the distributor trades mostly in one.
 */
@ApplicationScoped
public class ExceptionBoard {

    /** One reason in one currency: how many orders, the value they hold, and since when the oldest waits. */
    public record ByReason(String reason, String currency, long orders, BigDecimal valueAtRisk,
                           OffsetDateTime oldestSince) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StuckOrder(String orderId, String customerId, String channel, String state, String stuckReason,
                             OffsetDateTime stuckSince, long stuckMinutes, BigDecimal total, String currency) {
    }

    /** @param orders the most valuable stuck orders first (the oldest first among equal values) */
    public record Board(OffsetDateTime asOf, List<ByReason> byReason, long deadLettersWaiting,
                        List<StuckOrder> orders) {
    }

    public Uni<Board> board(int limit) {
        OffsetDateTime now = OffsetDateTime.now();
        // One snapshot for the three reads: an order that becomes stuck between them would otherwise be listed
        // under orders but missing from byReason (or the reverse).
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "set transaction isolation level repeatable read, read only").executeUpdate()
                .chain(() -> session.createNativeQuery(
                        "select stuck_reason, currency, count(*), coalesce(sum(total), 0), min(stuck_since) "
                                + "from customer_order where stuck_reason is not null group by stuck_reason, currency "
                                + "order by 4 desc, 3 desc", Object[].class).getResultList()
                .chain(reasons -> session.createNativeQuery("select id, customer_id, channel, state, stuck_reason, "
                                        + "stuck_since, total, currency from customer_order where stuck_reason is not null "
                                        + "order by total desc nulls last, stuck_since asc limit ?1", Object[].class)
                        .setParameter(1, limit).getResultList()
                        .chain(orders -> session.createNativeQuery(
                                        "select count(*) from dead_letter where replayed_at is null", Long.class)
                                .getSingleResult()
                                .map(waiting -> new Board(now, byReason(reasons), waiting, stuck(orders, now))))))));
    }

    private static List<ByReason> byReason(List<Object[]> rows) {
        List<ByReason> all = new ArrayList<>();
        for (Object[] r : rows) {
            all.add(new ByReason((String) r[0], (String) r[1], ((Number) r[2]).longValue(), decimal(r[3]), time(r[4])));
        }
        return all;
    }

    private static List<StuckOrder> stuck(List<Object[]> rows, OffsetDateTime now) {
        List<StuckOrder> all = new ArrayList<>();
        for (Object[] r : rows) {
            OffsetDateTime since = time(r[5]);
            all.add(new StuckOrder((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], since,
                    since == null ? 0 : Duration.between(since, now).toMinutes(), r[6] == null ? null : decimal(r[6]),
                    (String) r[7]));
        }
        return all;
    }

    private static BigDecimal decimal(Object value) {
        return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
    }

    private static OffsetDateTime time(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime t) {
            return t;
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.time.LocalDateTime l) {
            return l.atOffset(java.time.ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(value.toString());
    }
}
