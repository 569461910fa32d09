package io.tradeflow.pricing.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tradeflow.contracts.pricing.ContractPrice;
import io.tradeflow.contracts.pricing.ErpPricingRecord;
import io.tradeflow.contracts.pricing.ListPrice;
import io.tradeflow.contracts.pricing.Promotion;
import io.tradeflow.contracts.pricing.QuantityRule;
import io.tradeflow.contracts.pricing.TierPrice;
import io.tradeflow.contracts.pricing.VolumeBreak;

/**
 * Every ERP pricing record held in memory, indexed by SKU. Deleted records stay as tombstones so an older
 * version arriving late cannot bring them back: {@link #apply} is order-insensitive, which is what lets
 * the start-up load and the live Kafka feed be merged in any interleaving.
 * <p>
 * Reads never lock: each SKU's record list is replaced, never mutated.
 */
public class PriceBook {
    private final Map<String, ErpPricingRecord> byId = new ConcurrentHashMap<>();
    private final Map<String, List<ErpPricingRecord>> bySku = new ConcurrentHashMap<>();
    private volatile List<Promotion> everySkuPromotions = List.of();
    /** SKUs of the last live version of each record, kept after deletion: a tombstone need not repeat its SKU. */
    private final Map<String, List<String>> lastSkus = new ConcurrentHashMap<>();
    private final Map<String, CustomerContext> customers = new ConcurrentHashMap<>();
    private final Map<String, java.time.OffsetDateTime> customerVersions = new ConcurrentHashMap<>();

    /** @return true if the record is newer than what was held (and so changed the book) */
    public synchronized boolean apply(ErpPricingRecord record) {
        ErpPricingRecord held = byId.get(record.erpRecordId());
        if (held != null && held.version() >= record.version()) {
            return false;
        }
        if (held != null) {
            unindex(held);
        }
        byId.put(record.erpRecordId(), record);
        if (!record.deleted()) {
            index(record);
            lastSkus.put(record.erpRecordId(), skusOf(record));
        }
        return true;
    }

    /**
     * The SKUs whose prices a record can change: those it names and those its earlier version named.
     * Empty for a promotion on every SKU.
     */
    public List<String> skusAffectedBy(ErpPricingRecord record) {
        java.util.Set<String> skus = new java.util.LinkedHashSet<>(lastSkus.getOrDefault(record.erpRecordId(), List.of()));
        skus.addAll(skusOf(record));
        return List.copyOf(skus);
    }

    /** @return true if the account is newer than what was held ({@code updatedAt} orders CRM updates) */
    public boolean applyCustomer(CustomerContext customer, java.time.OffsetDateTime updatedAt) {
        synchronized (customers) {
            java.time.OffsetDateTime held = customerVersions.get(customer.customerId());
            if (held != null && updatedAt != null && !updatedAt.isAfter(held)) {
                return false;
            }
            customers.put(customer.customerId(), customer);
            if (updatedAt != null) {
                customerVersions.put(customer.customerId(), updatedAt);
            }
            return true;
        }
    }

    public CustomerContext customer(String customerId) {
        CustomerContext known = customerId == null ? null : customers.get(customerId);
        return known != null ? known : CustomerContext.unknown(customerId);
    }

    /** Records naming this SKU (not the promotions for every SKU). */
    public List<ErpPricingRecord> recordsFor(String sku) {
        return bySku.getOrDefault(sku, List.of());
    }

    public List<Promotion> everySkuPromotions() {
        return everySkuPromotions;
    }

    public boolean knows(String sku) {
        return bySku.containsKey(sku);
    }

    public Collection<String> skus() {
        return bySku.keySet();
    }

    public int size() {
        return byId.size();
    }

    private void index(ErpPricingRecord record) {
        for (String sku : skusOf(record)) {
            List<ErpPricingRecord> next = new ArrayList<>(bySku.getOrDefault(sku, List.of()));
            next.add(record);
            bySku.put(sku, List.copyOf(next));
        }
        if (record instanceof Promotion promotion && skusOf(record).isEmpty()) {
            List<Promotion> next = new ArrayList<>(everySkuPromotions);
            next.add(promotion);
            everySkuPromotions = List.copyOf(next);
        }
    }

    private void unindex(ErpPricingRecord record) {
        for (String sku : skusOf(record)) {
            List<ErpPricingRecord> next = new ArrayList<>(bySku.getOrDefault(sku, List.of()));
            next.removeIf(r -> r.erpRecordId().equals(record.erpRecordId()));
            if (next.isEmpty()) {
                bySku.remove(sku);
            } else {
                bySku.put(sku, List.copyOf(next));
            }
        }
        if (record instanceof Promotion) {
            List<Promotion> next = new ArrayList<>(everySkuPromotions);
            next.removeIf(r -> r.erpRecordId().equals(record.erpRecordId()));
            everySkuPromotions = List.copyOf(next);
        }
    }

    /** The SKUs a record is about; empty for a promotion on every SKU. */
    public static List<String> skusOf(ErpPricingRecord record) {
        if (record instanceof ListPrice r) {
            return one(r.sku());
        } else if (record instanceof ContractPrice r) {
            return one(r.sku());
        } else if (record instanceof TierPrice r) {
            return one(r.sku());
        } else if (record instanceof VolumeBreak r) {
            return one(r.sku());
        } else if (record instanceof QuantityRule r) {
            return one(r.sku());
        } else if (record instanceof Promotion r) {
            return r.skus() == null ? List.of() : r.skus().stream().filter(java.util.Objects::nonNull).toList();
        }
        throw new IllegalArgumentException("unknown record kind " + record.getClass().getSimpleName());
    }

    private static List<String> one(String sku) {
        return sku == null ? List.of() : List.of(sku);
    }
}
