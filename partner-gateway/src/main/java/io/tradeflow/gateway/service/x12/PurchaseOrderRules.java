package io.tradeflow.gateway.service.x12;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.tradeflow.gateway.service.x12.InterchangeVerdict.ElementError;
import io.tradeflow.gateway.service.x12.InterchangeVerdict.SegmentError;

/**
 * The 850 content rules the gateway enforces before an order may proceed, reported as AK3/AK4 errors
 * (codes from X12 element 720 and 723). StAEDI ships no 850 schema, so the segment vocabulary of 004010
 * and the elements the canonical order depends on are checked here. Pure.
 */
public final class PurchaseOrderRules {
    // Compiled once: String.replaceAll and matches compiled them again for every PO1 line and CTT.
    private static final java.util.regex.Pattern NOT_DIGIT = java.util.regex.Pattern.compile("[^0-9]");
    private static final java.util.regex.Pattern LINE_COUNT = java.util.regex.Pattern.compile("\\d{1,6}");
    /** Segment ids the 004010 850 defines; anything else is "unrecognized segment id" (AK304 = 1). */
    static final Set<String> SEGMENTS_850 = Set.of("BEG", "CUR", "REF", "PER", "TAX", "FOB", "CTP", "PAM", "CSH",
            "TC2", "SAC", "ITD", "DIS", "INC", "DTM", "LDT", "LIN", "SI", "PID", "MEA", "PWK", "PKG", "TD1", "TD5",
            "TD3", "TD4", "MAN", "PCT", "CTB", "TXI", "AMT", "N9", "MSG", "N1", "N2", "N3", "N4", "NX2", "QTY",
            "LM", "LQ", "SPI", "ADV", "PO1", "PO3", "PO4", "SLN", "SCH", "IT8", "SDQ", "FST", "CTT", "ACK");
    /** Element 330 (quantity ordered) is R 1/15. */
    static final int MAX_QUANTITY_LENGTH = 15;
    private static final java.util.regex.Pattern PLAIN_DECIMAL = java.util.regex.Pattern.compile("\\d*\\.?\\d+");
    static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    public static List<SegmentError> check(List<X12Segment> body) {
        List<SegmentError> errors = new ArrayList<>();
        boolean begSeen = false;
        int lines = 0;
        java.math.BigDecimal quantities = java.math.BigDecimal.ZERO;
        java.math.BigInteger hash = java.math.BigInteger.ZERO;
        X12Segment ctt = null;
        int cttPosition = 0;
        for (int i = 0; i < body.size(); i++) {
            X12Segment segment = body.get(i);
            int position = i + 2;
            if (!SEGMENTS_850.contains(segment.tag())) {
                errors.add(new SegmentError(segment.tag(), position, "1", List.of()));
                continue;
            }
            List<ElementError> elements = switch (segment.tag()) {
                case "BEG" -> {
                    begSeen = true;
                    yield beg(segment);
                }
                case "PO1" -> {
                    lines++;
                    if (positiveNumber(segment.element(2))) {
                        quantities = quantities.add(new java.math.BigDecimal(segment.element(2)));
                        hash = hash.add(new java.math.BigInteger(NOT_DIGIT.matcher(segment.element(2)).replaceAll("")));
                    }
                    yield po1(segment);
                }
                case "CTT" -> {
                    ctt = segment;
                    cttPosition = position;
                    yield List.of();
                }
                case "DTM" -> date(segment, 2, "373");
                case "CUR" -> currency(segment);
                default -> List.of();
            };
            List<ElementError> characters = invalidCharacters(segment);
            if (!characters.isEmpty()) {
                elements = new ArrayList<>(elements);
                elements.addAll(characters);
            }
            if (!elements.isEmpty()) {
                errors.add(new SegmentError(segment.tag(), position, "8", elements));
            }
        }
        if (!begSeen) {
            errors.add(new SegmentError("BEG", 2, "3", List.of()));
        }
        if (lines == 0) {
            errors.add(new SegmentError("PO1", body.size() + 1, "3", List.of()));
        }
        if (ctt != null) {
            List<ElementError> totals = totals(ctt, lines, quantities, hash);
            if (!totals.isEmpty()) {
                errors.add(new SegmentError("CTT", cttPosition, "8", totals));
            }
        }
        return List.copyOf(errors);
    }

    /**
     * CTT01 (line count) and CTT02 (hash total of PO102) are the buyer's own control totals: a mismatch means
     * lines were lost or added between their system and ours, so the order must not go on short. X12 has no
     * element note for a wrong total; 7 (invalid value) is the one translators report. The hash total is, by the
     * standard, the sum of the quantities' digits without decimal points or signs, left-truncated to 10 digits;
     * many translators send the plain sum instead, so either is accepted.
     */
    private static List<ElementError> totals(X12Segment ctt, int lines, java.math.BigDecimal quantities,
                                              java.math.BigInteger hash) {
        List<ElementError> errors = new ArrayList<>();
        if (!ctt.has(1)) {
            errors.add(new ElementError(1, "354", "1", ""));
        } else if (!LINE_COUNT.matcher(ctt.element(1)).matches()) {
            errors.add(new ElementError(1, "354", "6", ctt.element(1)));
        } else if (Integer.parseInt(ctt.element(1)) != lines) {
            errors.add(new ElementError(1, "354", "7", ctt.element(1)));
        }
        if (ctt.has(2)) {
            try {
                java.math.BigDecimal declared = new java.math.BigDecimal(ctt.element(2));
                java.math.BigInteger truncated = hash.mod(java.math.BigInteger.TEN.pow(10));
                if (declared.compareTo(quantities) != 0 && declared.compareTo(new java.math.BigDecimal(truncated)) != 0) {
                    errors.add(new ElementError(2, "347", "7", ctt.element(2)));
                }
            } catch (NumberFormatException e) {
                errors.add(new ElementError(2, "347", "6", ctt.element(2)));
            }
        }
        return errors;
    }

    private static List<ElementError> beg(X12Segment beg) {
        List<ElementError> errors = new ArrayList<>();
        required(beg, 1, "353", errors);
        // 00 Original only: a cancellation (01), replacement (05) or confirmation (06) sent as an 850 would
        // otherwise become a second order or vanish as "already ordered"; changes travel as 860s.
        if (beg.has(1) && !"00".equals(beg.element(1))) {
            errors.add(new ElementError(1, "353", "7", beg.element(1)));
        }
        required(beg, 2, "92", errors);
        required(beg, 3, "324", errors);
        if (beg.has(3) && beg.element(3).length() > 22) {
            errors.add(new ElementError(3, "324", "5", beg.element(3)));
        }
        errors.addAll(date(beg, 5, "373"));
        if (!beg.has(5)) {
            errors.add(new ElementError(5, "373", "1", ""));
        }
        return errors;
    }

    private static List<ElementError> po1(X12Segment po1) {
        List<ElementError> errors = new ArrayList<>();
        if (!po1.has(2)) {
            errors.add(new ElementError(2, "330", "1", ""));
        } else if (po1.element(2).length() > MAX_QUANTITY_LENGTH) {
            errors.add(new ElementError(2, "330", "5", po1.element(2)));
        } else if (!positiveNumber(po1.element(2))) {
            errors.add(new ElementError(2, "330", "6", po1.element(2)));
        }
        required(po1, 3, "355", errors);
        if (po1.has(4) && !positiveNumber(po1.element(4)) && !"0".equals(po1.element(4))) {
            errors.add(new ElementError(4, "212", "6", po1.element(4)));
        }
        required(po1, 6, "235", errors);
        required(po1, 7, "234", errors);
        return errors;
    }

    /**
     * A NUL in an element (no X12 character set has it, and no column can store it), or U+FFFD where the bytes were no
     * text in the charset the partner declared: AK4 code 6, with a '?' where it was, so that neither an order nor the
     * acknowledgment carries it.
     */
    private static List<ElementError> invalidCharacters(X12Segment segment) {
        List<ElementError> errors = new ArrayList<>();
        for (int i = 1; i <= segment.elements().size(); i++) {
            String value = segment.element(i);
            if (value.indexOf('\u0000') >= 0 || value.indexOf('\uFFFD') >= 0) {
                errors.add(new ElementError(i, "", "6", value.replace('\u0000', '?').replace('\uFFFD', '?')));
            }
        }
        return errors;
    }

    /** CUR02 (element 100) is an ISO 4217 code: the order is priced, reserved and invoiced in it. */
    private static List<ElementError> currency(X12Segment cur) {
        if (!cur.has(2)) {
            return List.of(new ElementError(2, "100", "1", ""));
        }
        try {
            java.util.Currency.getInstance(cur.element(2));
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(new ElementError(2, "100", "7", cur.element(2)));
        }
    }

    private static List<ElementError> date(X12Segment segment, int index, String reference) {
        if (!segment.has(index)) {
            return List.of();
        }
        try {
            LocalDate.parse(segment.element(index), CCYYMMDD);
            return List.of();
        } catch (DateTimeParseException e) {
            return List.of(new ElementError(index, reference, "8", segment.element(index)));
        }
    }

    private static void required(X12Segment segment, int index, String reference, List<ElementError> errors) {
        if (!segment.has(index)) {
            errors.add(new ElementError(index, reference, "1", ""));
        }
    }

    static boolean positiveNumber(String value) {
        // Plain digits only: BigDecimal would also take 1E400, a quantity no buyer means and no column can hold.
        if (value == null || !PLAIN_DECIMAL.matcher(value).matches()) {
            return false;
        }
        java.math.BigDecimal number = new java.math.BigDecimal(value);
        return number.signum() > 0 && io.tradeflow.contracts.json.StorableValues.unstorable(number) == null;
    }

    private PurchaseOrderRules() {
    }
}
