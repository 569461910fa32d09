package io.tradeflow.pricing.messaging;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.tradeflow.contracts.common.Money;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.pricing.ContractPrice;
import io.tradeflow.contracts.pricing.ErpPricingRecord;
import io.tradeflow.contracts.pricing.ListPrice;
import io.tradeflow.contracts.pricing.Promotion;
import io.tradeflow.contracts.pricing.QuantityRule;
import io.tradeflow.contracts.pricing.TierPrice;
import io.tradeflow.contracts.pricing.VolumeBreak;

/**
 * Reads and checks one {@code erp.prices} record. Everything wrong with a record is an
 * {@link IllegalArgumentException} whose message becomes the DLQ reason, so the ERP team can fix the source.
 */
@ApplicationScoped
public class PriceRecordCodec {
    /** CloudEvent type → the kind stored in pricing_record.kind and the payload record it carries. */
    static final Map<String, Kind> KINDS = Map.of(
            CloudEventTypes.LIST_PRICE, new Kind("LIST_PRICE", ListPrice.class),
            CloudEventTypes.CONTRACT_PRICE, new Kind("CONTRACT_PRICE", ContractPrice.class),
            CloudEventTypes.TIER_PRICE, new Kind("TIER_PRICE", TierPrice.class),
            CloudEventTypes.VOLUME_BREAK, new Kind("VOLUME_BREAK", VolumeBreak.class),
            CloudEventTypes.PROMOTION, new Kind("PROMOTION", Promotion.class),
            CloudEventTypes.QUANTITY_RULE, new Kind("QUANTITY_RULE", QuantityRule.class));

    public record Kind(String name, Class<? extends ErpPricingRecord> type) {
    }

    public record Decoded(String kind, ErpPricingRecord record) {
    }

    @Inject
    ObjectMapper mapper;

    public Decoded decode(CloudEvent event) {
        Kind kind = KINDS.get(event.type());
        if (kind == null) {
            throw new IllegalArgumentException("unknown ce_type " + event.type() + " on erp.prices");
        }
        ErpPricingRecord record;
        try {
            record = mapper.readValue(event.data(), kind.type());
        } catch (Exception e) {
            throw new IllegalArgumentException("payload is not a valid " + kind.type().getSimpleName() + ": "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        check(record);
        return new Decoded(kind.name(), record);
    }

    /** Reads a stored payload back (already checked when it was received). */
    public ErpPricingRecord read(String kind, String payload) {
        Kind found = KINDS.values().stream().filter(k -> k.name().equals(kind)).findFirst().orElseThrow();
        try {
            return mapper.readValue(payload, found.type());
        } catch (Exception e) {
            throw new IllegalStateException("stored " + kind + " cannot be read", e);
        }
    }

    static void check(ErpPricingRecord record) {
        require(record.erpRecordId() != null && !record.erpRecordId().isBlank(), "erpRecordId is required");
        require(record.version() > 0, "version must be positive");
        require(record.validFrom() == null || record.validTo() == null || !record.validTo().isBefore(record.validFrom()),
                "validTo is before validFrom");
        if (record.deleted()) {
            return;
        }
        if (record instanceof ListPrice r) {
            sku(r.sku());
            price("price", r.price());
        } else if (record instanceof ContractPrice r) {
            sku(r.sku());
            price("price", r.price());
            require(r.contractId() != null && r.customerId() != null, "contractId and customerId are required");
        } else if (record instanceof TierPrice r) {
            sku(r.sku());
            price("price", r.price());
            require((r.tier() == null) != (r.buyingGroup() == null), "exactly one of tier and buyingGroup is required");
        } else if (record instanceof VolumeBreak r) {
            sku(r.sku());
            require(r.level() != null, "level is required");
            require(r.minimumQuantity() != null && r.minimumQuantity().signum() > 0, "minimumQuantity must be positive");
            require((r.price() == null) != (r.percentOff() == null), "exactly one of price and percentOff is required");
            require((r.levelKey() == null) == (r.level() == io.tradeflow.contracts.pricing.PriceLevel.LIST),
                    "levelKey is required for CONTRACT and TIER breaks and must be absent for LIST");
            if (r.price() != null) {
                price("price", r.price());
            } else {
                percent(r.percentOff());
            }
        } else if (record instanceof Promotion r) {
            require(r.promotionId() != null && !r.promotionId().isBlank(), "promotionId is required");
            require((r.percentOff() == null) != (r.amountOff() == null),
                    "exactly one of percentOff and amountOff is required");
            if (r.amountOff() != null) {
                price("amountOff", r.amountOff());
            } else {
                percent(r.percentOff());
            }
        } else if (record instanceof QuantityRule r) {
            sku(r.sku());
            require(r.increment() == null || r.increment().signum() > 0, "increment must be positive");
            require(r.minimum() == null || r.maximum() == null || r.minimum().compareTo(r.maximum()) <= 0,
                    "minimum is above maximum");
        }
    }

    private static void sku(String sku) {
        require(sku != null && !sku.isBlank(), "sku is required");
    }

    private static void price(String field, Money money) {
        require(money != null && money.amount() != null, field + ".amount is required");
        require(money.amount().signum() >= 0, field + ".amount must not be negative");
        try {
            Currency.getInstance(String.valueOf(money.currency()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ".currency " + money.currency() + " is not an ISO 4217 code");
        }
    }

    private static void percent(BigDecimal percent) {
        require(percent.signum() > 0 && percent.compareTo(BigDecimal.valueOf(100)) <= 0,
                "percentOff must be above 0 and at most 100");
    }

    private static void require(boolean ok, String reason) {
        if (!ok) {
            throw new IllegalArgumentException(reason);
        }
    }
}
