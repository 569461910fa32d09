package io.tradeflow.pricing.engine;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import io.tradeflow.contracts.pricing.ErpPricingRecord;
import io.tradeflow.contracts.pricing.VolumeBreak;

/** Volume breaks apply only at the level that set the base price, so a tier break never undercuts a contract. */
final class VolumeBreaks {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** The break with the highest minimum the quantity reaches, at the base's level and key; null if none. */
    static VolumeBreak best(List<ErpPricingRecord> validRecords, PricingEngine.Base base, BigDecimal quantity,
                            String unitOfMeasure, String currency) {
        VolumeBreak best = null;
        for (ErpPricingRecord record : validRecords) {
            if (record instanceof VolumeBreak b && b.level() == base.level()
                    && Objects.equals(b.levelKey(), base.levelKey())
                    && PricingEngine.sameUnit(b.unitOfMeasure(), unitOfMeasure)
                    && (b.price() == null || b.price().currency().equals(currency))
                    && quantity.compareTo(b.minimumQuantity()) >= 0
                    // strictly higher: of equal minimums the first listed stays
                    && (best == null || b.minimumQuantity().compareTo(best.minimumQuantity()) > 0)) {
                best = b;
            }
        }
        return best;
    }

    /** A break price replaces the unit price; a percent off (10 = 10 %) reduces it. */
    static BigDecimal apply(VolumeBreak volumeBreak, BigDecimal unit) {
        if (volumeBreak.price() != null) {
            return volumeBreak.price().amount();
        }
        return unit.subtract(unit.multiply(volumeBreak.percentOff()).divide(HUNDRED));
    }

    private VolumeBreaks() {
    }
}
