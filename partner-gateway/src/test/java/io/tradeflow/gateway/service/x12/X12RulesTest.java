package io.tradeflow.gateway.service.x12;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.tradeflow.contracts.common.Money;
import io.tradeflow.contracts.orders.CanonicalOrder;
import io.tradeflow.contracts.orders.InvoicePosted;
import io.tradeflow.contracts.orders.LifecycleLine;
import io.tradeflow.contracts.orders.OrderLifecycleChanged;
import io.tradeflow.contracts.orders.OrderState;
import io.tradeflow.contracts.orders.Shipment;
import io.tradeflow.gateway.Fixtures;

/** Pure rules: envelope checks, acknowledgments, the 850 mapping and the 855/856/810 we write. */
class X12RulesTest {
    static final X12Expectations ACME = new X12Expectations("ZZ", "ACMEBUYER", "ZZ", "TRADEFLOW", "004010",
            Set.of("850", "997"));

    @Test
    void aPoNumberWithAHashOfItsOwnNeverReadsAsALaterAttemptAtAnotherPo() {
        assertThat(PurchaseOrder850.orderKey("acme", "4500012345")).isEqualTo("acme:4500012345");
        // Attempt 2 of PO 88 is acme:88#2 (GatewayStore); PO 88#2 itself is another key.
        assertThat(PurchaseOrder850.orderKey("acme", "88#2")).isEqualTo("acme:88##2")
                .isNotEqualTo(PurchaseOrder850.orderKey("acme", "88") + "#2");
    }

    @Test
    void aValid850IsAcceptedAndMapsToTheCanonicalOrderWithItsEnvelopeReferences() {
        X12Interchange interchange = X12Reader.read(Fixtures.x12("850-purchase-order.x12", "ACMEBUYER", 101, "PO-1"));
        InterchangeVerdict verdict = EnvelopeCheck.check(interchange, ACME);
        assertThat(verdict.envelopeRejected()).isFalse();
        assertThat(verdict.acceptedSets()).hasSize(1);

        InterchangeVerdict.SetVerdict set = verdict.acceptedSets().get(0);
        CanonicalOrder order = PurchaseOrder850.map(set.body(),
                new PurchaseOrder850.Envelope("acme", "C-ACME", verdict.isa13(), set.groupControlNumber(),
                        set.controlNumber()));
        assertThat(order.customerPoNumber()).isEqualTo("PO-1");
        assertThat(order.customerId()).isEqualTo("C-ACME");
        assertThat(order.channel()).isEqualTo("partner");
        assertThat(order.currency()).isEqualTo("USD");
        assertThat(order.requestedDate()).isEqualTo(LocalDate.of(2024, 1, 20));
        assertThat(order.shipTo().name()).isEqualTo("Acme Store 42");
        assertThat(order.shipTo().line1()).isEqualTo("100 Main Street");
        assertThat(order.shipTo().line2()).isEqualTo("Suite 5");
        assertThat(order.shipTo().city()).isEqualTo("Springfield");
        assertThat(order.shipTo().region()).isEqualTo("IL");
        assertThat(order.shipTo().postalCode()).isEqualTo("62701");
        assertThat(order.lines()).hasSize(2);
        assertThat(order.lines().get(0).sku()).isEqualTo("SKU-100");
        assertThat(order.lines().get(0).buyerPartNumber()).isEqualTo("ACME-100");
        assertThat(order.lines().get(0).quantity()).isEqualByComparingTo("10");
        assertThat(order.lines().get(0).unitPrice()).isEqualTo(new Money(new BigDecimal("5.25"), "USD"));
        assertThat(order.lines().get(1).unitOfMeasure()).isEqualTo("CS");
        assertThat(order.partnerRef().interchangeControlNumber()).isEqualTo("000000101");
        assertThat(order.partnerRef().groupControlNumber()).isEqualTo("101");
        assertThat(order.partnerRef().transactionSetControlNumber()).isEqualTo("0001");
    }

    @Test
    void theAcknowledgmentOfAnAcceptedInterchangeIsA997WithAk5AndAk9Accepted() {
        InterchangeVerdict verdict = EnvelopeCheck.check(
                X12Reader.read(Fixtures.x12("850-purchase-order.x12", "ACMEBUYER", 102, "PO-2")), ACME);
        String ack = ack(verdict, "997");
        List<X12Segment> segments = cleanlyParsed(ack);
        assertThat(tags(segments)).containsSubsequence("ST", "AK1", "AK2", "AK5", "AK9", "SE");
        assertThat(find(segments, "AK1").element(2)).isEqualTo("102");
        assertThat(find(segments, "AK5").element(1)).isEqualTo("A");
        assertThat(find(segments, "AK9").elements()).containsExactly("A", "1", "1", "1");
        assertThat(find(segments, "ISA").element(6).trim()).isEqualTo("TRADEFLOW");
        assertThat(find(segments, "ISA").element(8).trim()).isEqualTo("ACMEBUYER");
    }

    @Test
    void wrongSegmentCountRejectsTheSetWithAk5Code4() {
        InterchangeVerdict verdict = EnvelopeCheck.check(
                X12Reader.read(Fixtures.x12("850-wrong-segment-count.x12", "ACMEBUYER", 103, "PO-3")), ACME);
        assertThat(verdict.envelopeRejected()).isFalse();
        assertThat(verdict.acceptedSets()).isEmpty();
        List<X12Segment> ack = cleanlyParsed(ack(verdict, "997"));
        assertThat(find(ack, "AK5").elements()).containsExactly("R", "4");
        assertThat(find(ack, "AK9").element(1)).isEqualTo("R");
    }

    @Test
    void unknownSegmentsAndBadElementsAreReportedAsAk3AndAk4Or999Ik3AndIk4() {
        InterchangeVerdict verdict = EnvelopeCheck.check(
                X12Reader.read(Fixtures.x12("850-unknown-segment.x12", "ACMEBUYER", 104, "PO-4")), ACME);
        List<X12Segment> ack = cleanlyParsed(ack(verdict, "997"));
        assertThat(ack).anySatisfy(s -> assertThat(s.elements()).startsWith("ZZZ", "3", "", "1"));
        assertThat(ack).anySatisfy(s -> {
            assertThat(s.tag()).isEqualTo("AK4");
            assertThat(s.elements()).containsExactly("2", "330", "6", "ten");
        });
        assertThat(find(ack, "AK5").elements()).containsExactly("R", "5");

        List<X12Segment> ack999 = cleanlyParsed(ack(verdict, "999"));
        assertThat(tags(ack999)).contains("IK3", "IK4", "IK5").doesNotContain("AK3", "AK5");
        assertThat(find(ack999, "GS").element(8)).isEqualTo("005010X231A1");
    }

    @Test
    void aQuantityNoColumnCanHoldIsRejectedInThe997NotAcceptedAndLostLater() {
        String po = Fixtures.x12("850-purchase-order.x12", "ACMEBUYER", 108, "PO-8");
        InterchangeVerdict exponent = EnvelopeCheck.check(X12Reader.read(po.replace("PO1*1*10*", "PO1*1*1E400*")), ACME);
        List<X12Segment> ack = cleanlyParsed(ack(exponent, "997"));
        assertThat(ack).anySatisfy(s -> assertThat(s.elements()).containsExactly("2", "330", "6", "1E400"));
        assertThat(find(ack, "AK5").element(1)).isEqualTo("R");

        InterchangeVerdict tooLong = EnvelopeCheck.check(
                X12Reader.read(po.replace("PO1*1*10*", "PO1*1*1234567890123456*")), ACME);
        assertThat(cleanlyParsed(ack(tooLong, "997")))
                .anySatisfy(s -> assertThat(s.elements()).containsExactly("2", "330", "5", "1234567890123456"));

        // The order would be priced and invoiced in it: a currency that is no ISO 4217 code is refused here, not
        // dead-lettered downstream after an accepting 997.
        InterchangeVerdict dollars = EnvelopeCheck.check(X12Reader.read(po.replace("CUR*BY*USD", "CUR*BY*DOLLARS")),
                ACME);
        List<X12Segment> refused = cleanlyParsed(ack(dollars, "997"));
        assertThat(refused).anySatisfy(s -> assertThat(s.elements()).containsExactly("2", "100", "7", "DOLLARS"));
        assertThat(find(refused, "AK5").element(1)).isEqualTo("R");

        InterchangeVerdict replaced = EnvelopeCheck.check(X12Reader.read(po.replace("SKU-100", "SKU\u0000100")), ACME);
        assertThat(cleanlyParsed(ack(replaced, "997")))
                .anySatisfy(s -> assertThat(s.elements()).containsExactly("9", "", "6", "SKU?100"));
        // A bad value echoed in AK404 never carries the NUL back to the partner.
        InterchangeVerdict quantity = EnvelopeCheck.check(X12Reader.read(po.replace("PO1*1*10*", "PO1*1*1\u00000*")),
                ACME);
        assertThat(ack(quantity, "997")).doesNotContain("\u0000").contains("1?0");
    }

    @Test
    void anAccentedOrNonLatinShipToNameIsAcceptedAndMappedAsSent() {
        String po = Fixtures.x12("850-purchase-order.x12", "ACMEBUYER", 110, "PO-10")
                .replace("Acme Store 42", "Café Zoë Łódź 42");
        InterchangeVerdict verdict = EnvelopeCheck.check(X12Reader.read(po), ACME);
        assertThat(verdict.envelopeRejected()).isFalse();
        assertThat(verdict.acceptedSets()).hasSize(1);
        InterchangeVerdict.SetVerdict set = verdict.acceptedSets().get(0);
        CanonicalOrder order = PurchaseOrder850.map(set.body(), new PurchaseOrder850.Envelope("acme", "C-ACME",
                verdict.isa13(), set.groupControlNumber(), set.controlNumber()));
        assertThat(order.shipTo().name()).isEqualTo("Café Zoë Łódź 42");
        assertThat(order.shipTo().city()).isEqualTo("Springfield");
    }

    @Test
    void envelopeFaultsAreAnsweredWithTa1NoteCodes() {
        assertThat(EnvelopeCheck.check(X12Reader.read(Fixtures.x12("850-mismatched-control-numbers.x12", "ACMEBUYER",
                105, "PO-5")), ACME).ta1Note()).isEqualTo("001");
        assertThat(EnvelopeCheck.check(X12Reader.read(Fixtures.x12("850-purchase-order.x12", "SOMEONEELSE", 106,
                "PO-6")), ACME).ta1Note()).isEqualTo("006");
        assertThat(EnvelopeCheck.check(X12Reader.read(Fixtures.x12("850-truncated.x12", "ACMEBUYER", 107, "PO-7")),
                ACME).ta1Note()).isEqualTo("023");
        InterchangeVerdict delimiters = EnvelopeCheck.check(X12Reader.read(Fixtures.x12("850-bad-delimiters.x12",
                "ACMEBUYER", 108, "PO-8")), ACME);
        assertThat(delimiters.ta1Note()).isEqualTo("026");
        assertThat(delimiters.isa13()).isEqualTo("000000108");
        String ta1 = X12Writer.interchangeOnly(envelope(9, null), List.of(Acknowledgments.ta1(delimiters)));
        assertThat(find(cleanlyParsed(ta1), "TA1").elements()).containsExactly("000000108", "240105", "1230", "R",
                "026");
        assertThat(EnvelopeCheck.check(X12Reader.read(Fixtures.x12("850-purchase-order.x12", "ACMEBUYER", 109,
                "PO-9").replace("*240105*", "*241305*")), ACME).ta1Note()).isEqualTo("014");
    }

    @Test
    void textThatIsNotX12HasNoInterchangeToAcknowledge() {
        InterchangeVerdict verdict = EnvelopeCheck.check(X12Reader.read("PO number 4711, ten blue widgets"), ACME);
        assertThat(verdict.isa13()).isNull();
        assertThat(verdict.envelopeRejected()).isTrue();
    }

    @Test
    void the855FlagsPriceChangesAndBackordersAndThe856And810ReferToThePartnersPo() {
        InterchangeVerdict verdict = EnvelopeCheck.check(
                X12Reader.read(Fixtures.x12("850-purchase-order.x12", "ACMEBUYER", 110, "PO-10")), ACME);
        InterchangeVerdict.SetVerdict set = verdict.acceptedSets().get(0);
        CanonicalOrder order = PurchaseOrder850.map(set.body(), new PurchaseOrder850.Envelope("acme", "C-ACME",
                "000000110", "110", "0001"));
        PartnerAnswers.OriginalOrder original = new PartnerAnswers.OriginalOrder(order, LocalDate.of(2024, 1, 5));
        List<LifecycleLine> lines = List.of(
                new LifecycleLine(1, "SKU-100", new BigDecimal("10"), "EA", Money.of("5.25", "USD"), null,
                        new BigDecimal("10"), BigDecimal.ZERO),
                new LifecycleLine(2, "SKU-200", new BigDecimal("4"), "CS", Money.of("21.00", "USD"), null,
                        new BigDecimal("1"), new BigDecimal("3")));
        OrderLifecycleChanged confirmed = event(OrderState.CONFIRMED, lines, null, null);

        List<X12Segment> ack855 = cleanlyParsed(X12Writer.interchange(envelope(11, "PR"),
                List.of(PartnerAnswers.poAcknowledgment855(confirmed, original))));
        assertThat(find(ack855, "BAK").elements()).startsWith("00", "AC", "PO-10", "20240105");
        List<List<String>> acks = ack855.stream().filter(s -> "ACK".equals(s.tag())).map(X12Segment::elements)
                .toList();
        assertThat(acks).containsExactly(List.of("IA", "10", "EA"), List.of("IP", "1", "CS"), List.of("IB", "3", "CS"));

        Shipment shipment = new Shipment("O-1", "SHP-1", "WH-1", "UPSN", "1Z999", List.of(
                new Shipment.Line(1, "SKU-100", new BigDecimal("10"), "EA")), OffsetDateTime.parse("2024-01-10T08:30:00Z"));
        List<X12Segment> asn = cleanlyParsed(X12Writer.interchange(envelope(12, "SH"),
                List.of(PartnerAnswers.shipNotice856(event(OrderState.SHIPPED, lines, shipment, null), original))));
        assertThat(asn.stream().filter(s -> "HL".equals(s.tag())).map(s -> s.element(3)))
                .containsExactly("S", "O", "I");
        assertThat(find(asn, "PRF").element(1)).isEqualTo("PO-10");
        assertThat(find(asn, "REF").elements()).containsExactly("CN", "1Z999");
        assertThat(find(asn, "TD5").element(3)).isEqualTo("UPSN");
        assertThat(find(asn, "LIN").elements()).containsExactly("1", "BP", "ACME-100", "VP", "SKU-100");

        InvoicePosted invoice = new InvoicePosted("O-1", "ERP-1", "INV-1", LocalDate.of(2024, 1, 11), null,
                Money.of("52.50", "USD"), Money.of("0", "USD"), Money.of("52.50", "USD"), List.of(
                new InvoicePosted.Line(1, "SKU-100", new BigDecimal("10"), "EA", Money.of("5.25", "USD"),
                        Money.of("52.50", "USD"))), OffsetDateTime.now());
        List<X12Segment> inv = cleanlyParsed(X12Writer.interchange(envelope(13, "IN"),
                List.of(PartnerAnswers.invoice810(event(OrderState.INVOICED, lines, shipment, invoice), original))));
        assertThat(find(inv, "BIG").elements()).containsExactly("20240111", "INV-1", "20240105", "PO-10");
        assertThat(find(inv, "TDS").element(1)).isEqualTo("5250");
        assertThat(find(inv, "IT1").element(4)).isEqualTo("5.25");
    }

    @Test
    void aGroupWhoseGe01MiscountsItsSetsEchoesTheDeclaredCountAndRejectsTheSetsWithoutBlamingThem() {
        String x12 = Fixtures.x12("850-purchase-order.x12", "ACMEBUYER", 111, "PO-11").replace("GE*1*", "GE*3*");
        InterchangeVerdict verdict = EnvelopeCheck.check(X12Reader.read(x12), ACME);
        assertThat(verdict.acceptedSets()).isEmpty();
        List<X12Segment> ack = cleanlyParsed(ack(verdict, "997"));
        // AK902 what GE01 said, AK903 what arrived, AK904 none accepted, AK905 5 = count mismatch.
        assertThat(find(ack, "AK9").elements()).containsExactly("R", "3", "1", "0", "5");
        // The set itself is sound: rejected with its group, with no set-level code of its own.
        assertThat(find(ack, "AK5").elements()).containsExactly("R");
    }

    @Test
    void aTransactionSetControlNumberRepeatedInOneGroupRejectsTheRepeatWithAk5Code23() {
        String one = Fixtures.x12("850-purchase-order.x12", "ACMEBUYER", 112, "PO-12");
        String set = one.substring(one.indexOf("ST*850"), one.indexOf("GE*"));
        String twice = one.replace(set, set + set.replace("PO-12", "PO-12B")).replace("GE*1*", "GE*2*");
        InterchangeVerdict verdict = EnvelopeCheck.check(X12Reader.read(twice), ACME);
        assertThat(verdict.acceptedSets()).extracting(InterchangeVerdict.SetVerdict::controlNumber)
                .containsExactly("0001");
        assertThat(verdict.allSets().get(1).ak5Codes()).containsExactly("23");
        assertThat(find(verdict.acceptedSets().get(0).body(), "BEG").element(3)).isEqualTo("PO-12");
    }

    @Test
    void anOrderWhoseCttTotalsDisagreeWithItsLinesIsRejectedNamingTheTotal() {
        String x12 = Fixtures.x12("850-purchase-order.x12", "ACMEBUYER", 113, "PO-13");
        assertThat(EnvelopeCheck.check(X12Reader.read(x12.replace("CTT*2~", "CTT*2*14~")), ACME).acceptedSets())
                .as("line count and hash total of PO102 (10 + 4) agree").hasSize(1);
        assertThat(EnvelopeCheck.check(X12Reader.read(x12.replace("CTT*2~", "CTT*02~")), ACME).acceptedSets())
                .as("a zero-padded count is the same count").hasSize(1);
        // The standard's hash ignores decimal points: PO102s of 2.5 and 4 hash to 25 + 4 = 29 (the plain sum is 6.5).
        String decimals = x12.replace("PO1*1*10*", "PO1*1*2.5*");
        assertThat(EnvelopeCheck.check(X12Reader.read(decimals.replace("CTT*2~", "CTT*2*29~")), ACME).acceptedSets())
                .hasSize(1);
        assertThat(EnvelopeCheck.check(X12Reader.read(decimals.replace("CTT*2~", "CTT*2*6.5~")), ACME).acceptedSets())
                .hasSize(1);
        InterchangeVerdict lost = EnvelopeCheck.check(X12Reader.read(x12.replace("CTT*2~", "CTT*3~")), ACME);
        assertThat(lost.acceptedSets()).isEmpty();
        List<X12Segment> ack = cleanlyParsed(ack(lost, "997"));
        assertThat(find(ack, "AK3").elements()).startsWith("CTT", "14", "", "8");
        assertThat(find(ack, "AK4").elements()).containsExactly("1", "354", "7", "3");
        InterchangeVerdict hash = EnvelopeCheck.check(X12Reader.read(x12.replace("CTT*2~", "CTT*2*15~")), ACME);
        assertThat(hash.allSets().get(0).segmentErrors().get(0).elements().get(0).reference()).isEqualTo("347");
    }

    @Test
    void aShipNoticeWithoutCarrierOrTrackingLeavesTheirSegmentsOutAndDeclaresShipmentOrderItem() {
        InterchangeVerdict verdict = EnvelopeCheck.check(
                X12Reader.read(Fixtures.x12("850-purchase-order.x12", "ACMEBUYER", 114, "PO-14")), ACME);
        CanonicalOrder order = PurchaseOrder850.map(verdict.acceptedSets().get(0).body(),
                new PurchaseOrder850.Envelope("acme", "C-ACME", "000000114", "114", "0001"));
        PartnerAnswers.OriginalOrder original = new PartnerAnswers.OriginalOrder(order, LocalDate.of(2024, 1, 5));
        Shipment shipment = new Shipment("O-1", "SHP-2", "WH-1", null, null, List.of(
                new Shipment.Line(1, "SKU-100", new BigDecimal("10"), "EA")), OffsetDateTime.parse("2024-01-10T08:30:00Z"));
        List<X12Segment> asn = cleanlyParsed(X12Writer.interchange(envelope(15, "SH"),
                List.of(PartnerAnswers.shipNotice856(event(OrderState.SHIPPED, List.of(), shipment, null), original))));
        assertThat(find(asn, "BSN").element(5)).isEqualTo("0004");
        assertThat(tags(asn)).doesNotContain("TD5", "REF");
    }

    static OrderLifecycleChanged event(OrderState state, List<LifecycleLine> lines, Shipment shipment,
                                       InvoicePosted invoice) {
        return new OrderLifecycleChanged("O-1", 5, "C-ACME", "partner", "PO-10", state, null, "test",
                OffsetDateTime.now(), "USD", lines, "ERP-1", shipment, invoice,
                new io.tradeflow.contracts.partners.PartnerRef("acme", "000000110", "110", "0001"));
    }

    static X12Writer.Envelope envelope(long control, String functionalId) {
        return new X12Writer.Envelope(X12Delimiters.STANDARD, "ZZ", "TRADEFLOW", "ZZ", "ACMEBUYER", "004010",
                control, functionalId, LocalDateTime.of(2024, 1, 5, 12, 30));
    }

    static String ack(InterchangeVerdict verdict, String type) {
        return X12Writer.interchange(envelope(7, "FA"), Acknowledgments.functional(verdict, type));
    }

    /** Parses our own output back with StAEDI and insists it has no control or structure error. */
    static List<X12Segment> cleanlyParsed(String x12) {
        X12Interchange parsed = X12Reader.read(x12);
        assertThat(parsed.fatal()).as("read error").isNull();
        assertThat(parsed.errors()).as("StAEDI validation errors").isEmpty();
        return parsed.segments();
    }

    static X12Segment find(List<X12Segment> segments, String tag) {
        return segments.stream().filter(s -> s.tag().equals(tag)).findFirst().orElseThrow(
                () -> new AssertionError("no " + tag + " segment"));
    }

    static List<String> tags(List<X12Segment> segments) {
        List<String> tags = new ArrayList<>();
        segments.forEach(s -> tags.add(s.tag()));
        return tags;
    }
}
