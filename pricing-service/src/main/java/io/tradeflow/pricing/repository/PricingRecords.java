package io.tradeflow.pricing.repository;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.pricing.ErpPricingRecord;

/** ERP records and CRM accounts as stored; call inside a transaction. */
@ApplicationScoped
public class PricingRecords {

    /** @return true if stored: new, or a higher version than the one held (older/equal versions are ignored) */
    public Uni<Boolean> upsert(String kind, ErpPricingRecord record, String payload) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into pricing_record (erp_record_id, kind, version, deleted, payload, valid_from, valid_to) "
                                + "values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict (erp_record_id) do update set "
                                + "kind = excluded.kind, version = excluded.version, deleted = excluded.deleted, "
                                + "payload = excluded.payload, valid_from = excluded.valid_from, "
                                + "valid_to = excluded.valid_to, received_at = now() "
                                + "where pricing_record.version < excluded.version")
                .setParameter(1, record.erpRecordId())
                .setParameter(2, kind)
                .setParameter(3, record.version())
                .setParameter(4, record.deleted())
                .setParameter(5, payload)
                .setParameter(6, record.validFrom())
                .setParameter(7, record.validTo())
                .executeUpdate())
                .map(rows -> rows == 1);
    }

    /** @return true if stored: new, or more recent than the account held */
    public Uni<Boolean> upsertAccount(String customerId, String tier, String segment, String buyingGroup,
                                      OffsetDateTime updatedAt) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into customer_account (customer_id, tier, segment, buying_group, updated_at) "
                                + "values (?1, ?2, ?3, ?4, ?5) on conflict (customer_id) do update set "
                                + "tier = excluded.tier, segment = excluded.segment, buying_group = excluded.buying_group, "
                                + "updated_at = excluded.updated_at, received_at = now() "
                                + "where customer_account.updated_at is null or excluded.updated_at is null "
                                + "or customer_account.updated_at < excluded.updated_at")
                .setParameter(1, customerId)
                .setParameter(2, tier)
                .setParameter(3, segment)
                .setParameter(4, buyingGroup)
                .setParameter(5, updatedAt)
                .executeUpdate())
                .map(rows -> rows == 1);
    }

    /** Kind and payload of the live records of the given kinds (tombstones excluded). */
    @SuppressWarnings("unchecked")
    public Uni<List<Object[]>> live(List<String> kinds) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select kind, payload from pricing_record where not deleted and kind in (?1)")
                .setParameter(1, kinds)
                .getResultList())
                .map(rows -> (List<Object[]>) (List<?>) rows);
    }

    /** SKUs named by promotions that start on {@code day} or ended the day before (promotion boundaries). */
    @SuppressWarnings("unchecked")
    public Uni<List<String>> promotionsCrossingBoundary(LocalDate day) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select payload from pricing_record where kind = 'PROMOTION' and not deleted "
                                + "and (valid_from = ?1 or valid_to = ?2)")
                .setParameter(1, day)
                .setParameter(2, day.minusDays(1))
                .getResultList())
                .map(rows -> (List<String>) (List<?>) rows);
    }
}
