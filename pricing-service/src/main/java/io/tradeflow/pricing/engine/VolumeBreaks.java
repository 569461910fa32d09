package io.tradeflow.pricing.engine;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.tradeflow.contracts.pricing.VolumeBreak;

/** Volume breaks apply only at the level that set the base price, so a tier break never undercuts a contract. */
final class VolumeBreaks {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** The break with the highest minimum the quantity reaches, at the base's level and key. */
    static Optional<VolumeBreak> best(List<VolumeBreak> breaks, PricingEngine.Base base, BigDecimal quantity,
                                      String unitOfMeasure, String currency) {
        return breaks.stream()
                .filter(b -> b.level() == base.level() && Objects.equals(b.levelKey(), base.levelKey()))
                .filter(b -> PricingEngine.sameUnit(b.unitOfMeasure(), unitOfMeasure))
                .filter(b -> b.price() == null || b.price().currency().equals(currency))
                .filter(b -> quantity.compareTo(b.minimumQuantity()) >= 0)
                .max(Comparator.comparing(VolumeBreak::minimumQuantity));
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
