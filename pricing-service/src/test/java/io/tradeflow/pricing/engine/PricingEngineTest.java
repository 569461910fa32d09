package io.tradeflow.pricing.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.tradeflow.contracts.common.Money;
import io.tradeflow.contracts.pricing.ContractPrice;
import io.tradeflow.contracts.pricing.ListPrice;
import io.tradeflow.contracts.pricing.PriceLevel;
import io.tradeflow.contracts.pricing.PriceRule;
import io.tradeflow.contracts.pricing.PriceSource;
import io.tradeflow.contracts.pricing.Promotion;
import io.tradeflow.contracts.pricing.QuantityRule;
import io.tradeflow.contracts.pricing.QuoteLine;
import io.tradeflow.contracts.pricing.TierPrice;
import io.tradeflow.contracts.pricing.UnpriceableReason;
import io.tradeflow.contracts.pricing.VolumeBreak;

/** The ERP pricing rules, without Quarkus, Kafka or a database. */
class PricingEngineTest {
    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    static final Instant NOON = Instant.parse("2026-06-15T17:00:00Z");
    static final String SKU = "BOLT-10";
    static final CustomerContext GOLD = new CustomerContext("C1", "GOLD", "industrial", null, true);
    static final CustomerContext MEMBER = new CustomerContext("C2", "GOLD", "industrial", "ACME-GROUP", true);

    final PricingEngine engine = new PricingEngine(CHICAGO);
    final PriceBook book = new PriceBook();

    static ListPrice list(String id, long version, String amount) {
        return new ListPrice(id, version, false, SKU, Money.of(amount, "USD"), "EA", null, null);
    }

    QuoteLine quote(CustomerContext customer, String channel, String quantity) {
        return engine.price(book, customer, channel, "USD", 1, SKU, new BigDecimal(quantity), "EA", NOON);
    }

    @Test
    void contractBeatsBuyingGroupBeatsTierBeatsList() {
        book.apply(list("L1", 1, "10.00"));
        assertThat(quote(GOLD, "storefront", "1").rule()).isEqualTo(PriceRule.LIST);
        book.apply(new TierPrice("T1", 1, false, "GOLD", null, SKU, Money.of("9.00", "USD"), "EA", null, null));
        assertThat(quote(GOLD, "storefront", "1").unitPrice()).isEqualTo(Money.of("9.00", "USD"));
        assertThat(quote(GOLD, "storefront", "1").rule()).isEqualTo(PriceRule.TIER);
        book.apply(new TierPrice("G1", 1, false, null, "ACME-GROUP", SKU, Money.of("8.50", "USD"), "EA", null, null));
        assertThat(quote(MEMBER, "storefront", "1").unitPrice()).isEqualTo(Money.of("8.50", "USD"));
        book.apply(new ContractPrice("K1", 3, false, "CTR-1", "C1", SKU, Money.of("7.25", "USD"), "EA", null, null));
        QuoteLine line = quote(GOLD, "storefront", "4");
        assertThat(line.rule()).isEqualTo(PriceRule.CONTRACT);
        assertThat(line.unitPrice()).isEqualTo(Money.of("7.25", "USD"));
        assertThat(line.extendedPrice()).isEqualTo(Money.of("29.00", "USD"));
        assertThat(line.sources()).containsExactly(new PriceSource("K1", 3));
        assertThat(quote(CustomerContext.unknown("C9"), "storefront", "1").rule()).isEqualTo(PriceRule.LIST);
    }

    @Test
    void volumeBreaksApplyAtTheBasePricesLevelAsPriceOrPercentOff() {
        book.apply(list("L1", 1, "10.00"));
        book.apply(new ContractPrice("K1", 1, false, "CTR-1", "C1", SKU, Money.of("8.00", "USD"), "EA", null, null));
        book.apply(new VolumeBreak("B1", 1, false, SKU, PriceLevel.LIST, null, new BigDecimal("100"), "EA",
                Money.of("9.00", "USD"), null, null, null));
        book.apply(new VolumeBreak("B2", 1, false, SKU, PriceLevel.LIST, null, new BigDecimal("500"), "EA",
                null, new BigDecimal("15"), null, null));
        book.apply(new VolumeBreak("B3", 1, false, SKU, PriceLevel.CONTRACT, "CTR-1", new BigDecimal("50"), "EA",
                null, new BigDecimal("10"), null, null));
        CustomerContext other = CustomerContext.unknown("C9");
        assertThat(quote(other, "crm", "99").unitPrice()).isEqualTo(Money.of("10.00", "USD"));
        QuoteLine hundred = quote(other, "crm", "100");
        assertThat(hundred.unitPrice()).isEqualTo(Money.of("9.00", "USD"));
        assertThat(hundred.rule()).isEqualTo(PriceRule.VOLUME_BREAK);
        assertThat(hundred.sources()).containsExactly(new PriceSource("L1", 1), new PriceSource("B1", 1));
        assertThat(quote(other, "crm", "500").unitPrice()).isEqualTo(Money.of("8.50", "USD"));
        // the contract customer gets the contract-level break, never the list-level one
        assertThat(quote(GOLD, "crm", "500").unitPrice()).isEqualTo(Money.of("7.20", "USD"));
    }

    @Test
    void promotionsAreDatedChannelAndSkuScopedAndExclusiveOnesApplyAlone() {
        book.apply(list("L1", 1, "20.00"));
        book.apply(promotion("P-WEB", "10", null, List.of("storefront"), List.of(SKU), true, null, null));
        book.apply(promotion("P-ALL", null, "1.00", null, null, true, null, null));
        book.apply(promotion("P-OTHER", "50", null, null, List.of("OTHER-SKU"), true, null, null));
        book.apply(promotion("P-PAST", "50", null, null, null, false, null, LocalDate.parse("2026-06-14")));

        QuoteLine web = quote(GOLD, "storefront", "1");
        assertThat(web.unitPrice()).isEqualTo(Money.of("17.00", "USD"));
        assertThat(web.rule()).isEqualTo(PriceRule.PROMOTION);
        assertThat(web.promotion().promotionId()).isEqualTo("P-ALL+P-WEB");
        QuoteLine crm = quote(GOLD, "crm", "1");
        assertThat(crm.unitPrice()).isEqualTo(Money.of("19.00", "USD"));

        book.apply(promotion("P-BIG", "25", null, null, null, false, LocalDate.parse("2026-06-15"), null));
        QuoteLine exclusive = quote(GOLD, "storefront", "1");
        assertThat(exclusive.unitPrice()).isEqualTo(Money.of("15.00", "USD"));
        assertThat(exclusive.promotion().promotionId()).isEqualTo("P-BIG");
        assertThat(exclusive.sources()).extracting(PriceSource::erpRecordId).containsExactly("L1", "ERP-P-BIG");
    }

    @Test
    void samePriceOnEveryChannelWithoutChannelScopedPromotions() {
        book.apply(list("L1", 1, "20.00"));
        book.apply(new TierPrice("T1", 1, false, "GOLD", null, SKU, Money.of("18.00", "USD"), "EA", null, null));
        book.apply(promotion("P-ALL", "5", null, null, null, true, null, null));
        assertThat(quote(GOLD, "crm", "3")).isEqualTo(quote(GOLD, "storefront", "3"));
    }

    @Test
    void quantityRulesFlagTheLineWithTheReason() {
        book.apply(list("L1", 1, "2.00"));
        book.apply(new QuantityRule("Q1", 1, false, SKU, "EA", new BigDecimal("10"), new BigDecimal("100"),
                new BigDecimal("5"), null, null));
        assertThat(quote(GOLD, "crm", "5").unpriceableReason()).isEqualTo(UnpriceableReason.BELOW_MINIMUM_QUANTITY);
        assertThat(quote(GOLD, "crm", "105").unpriceableReason()).isEqualTo(UnpriceableReason.ABOVE_MAXIMUM_QUANTITY);
        QuoteLine odd = quote(GOLD, "crm", "12");
        assertThat(odd.unpriceableReason()).isEqualTo(UnpriceableReason.NOT_A_QUANTITY_INCREMENT);
        assertThat(odd.unitPrice()).isNull();
        assertThat(odd.unpriceableDetail()).contains("multiples of 5");
        QuoteLine fine = quote(GOLD, "crm", "15");
        assertThat(fine.extendedPrice()).isEqualTo(Money.of("30.00", "USD"));
        assertThat(fine.sources()).containsExactly(new PriceSource("L1", 1), new PriceSource("Q1", 1));
    }

    @Test
    void unknownSkuOtherCurrencyAndOtherUnitAreUnpriceable() {
        assertThat(quote(GOLD, "crm", "1").unpriceableReason()).isEqualTo(UnpriceableReason.UNKNOWN_SKU);
        book.apply(list("L1", 1, "2.00"));
        assertThat(engine.price(book, GOLD, "crm", "EUR", 1, SKU, BigDecimal.ONE, "EA", NOON).unpriceableReason())
                .isEqualTo(UnpriceableReason.NO_PRICE_IN_CURRENCY);
        assertThat(engine.price(book, GOLD, "crm", "USD", 1, SKU, BigDecimal.ONE, "BOX", NOON).unpriceableReason())
                .isEqualTo(UnpriceableReason.UNIT_OF_MEASURE_MISMATCH);
    }

    @Test
    void validityDatesAreDaysInTheBusinessTimeZoneAndValidUntilIsTheEarliestEnd() {
        // 2026-07-01T03:00Z is still June 30 in Chicago: the June price is the one that applies.
        Instant lateEvening = Instant.parse("2026-07-01T03:00:00Z");
        book.apply(new ListPrice("L-JUN", 1, false, SKU, Money.of("10.00", "USD"), "EA", LocalDate.parse("2026-06-01"),
                LocalDate.parse("2026-06-30")));
        book.apply(new ListPrice("L-JUL", 1, false, SKU, Money.of("11.00", "USD"), "EA", LocalDate.parse("2026-07-01"),
                null));
        book.apply(promotion("P-JUN", "10", null, null, null, true, null, LocalDate.parse("2026-06-20")));
        QuoteLine june = engine.price(book, GOLD, "crm", "USD", 1, SKU, BigDecimal.ONE, "EA", lateEvening);
        assertThat(june.unitPrice()).isEqualTo(Money.of("10.00", "USD"));
        assertThat(june.validUntil()).isEqualTo(java.time.OffsetDateTime.parse("2026-07-01T00:00-05:00"));
        QuoteLine onSale = quote(GOLD, "crm", "1");
        assertThat(onSale.validUntil()).isEqualTo(java.time.OffsetDateTime.parse("2026-06-21T00:00-05:00"));
        QuoteLine july = engine.price(book, GOLD, "crm", "USD", 1, SKU, BigDecimal.ONE, "EA",
                Instant.parse("2026-07-01T06:00:00Z"));
        assertThat(july.unitPrice()).isEqualTo(Money.of("11.00", "USD"));
        assertThat(july.validUntil()).isNull();
    }

    @Test
    void roundsHalfEvenToTheCurrencysMinorUnit() {
        book.apply(list("L1", 1, "10.125"));
        assertThat(quote(GOLD, "crm", "1").unitPrice()).isEqualTo(Money.of("10.12", "USD"));
        book.apply(list("L1", 2, "10.135"));
        assertThat(quote(GOLD, "crm", "1").unitPrice()).isEqualTo(Money.of("10.14", "USD"));
        book.apply(new ListPrice("LJ", 1, false, SKU, Money.of("1250.5", "JPY"), "EA", null, null));
        assertThat(engine.price(book, GOLD, "crm", "JPY", 1, SKU, new BigDecimal("3"), "EA", NOON).unitPrice())
                .isEqualTo(Money.of("1250", "JPY"));
    }

    @Test
    void olderVersionsNeverOverwriteNewerAndDeletionsStick() {
        assertThat(book.apply(list("L1", 2, "12.00"))).isTrue();
        assertThat(book.apply(list("L1", 1, "10.00"))).isFalse();
        assertThat(book.apply(list("L1", 2, "10.00"))).isFalse();
        assertThat(quote(GOLD, "crm", "1").unitPrice()).isEqualTo(Money.of("12.00", "USD"));
        assertThat(book.apply(new ListPrice("L1", 3, true, SKU, null, null, null, null))).isTrue();
        assertThat(quote(GOLD, "crm", "1").unpriceableReason()).isEqualTo(UnpriceableReason.UNKNOWN_SKU);
        assertThat(book.apply(list("L1", 2, "12.00"))).isFalse();
        assertThat(quote(GOLD, "crm", "1").unpriceableReason()).isEqualTo(UnpriceableReason.UNKNOWN_SKU);
    }

    static Promotion promotion(String id, String percent, String amount, List<String> channels, List<String> skus,
                               boolean stackable, LocalDate from, LocalDate to) {
        return new Promotion("ERP-" + id, 1, false, id, id, percent == null ? null : new BigDecimal(percent),
                amount == null ? null : Money.of(amount, "USD"), channels, skus, stackable, from, to);
    }
}
