package io.tradeflow.gateway.service.x12;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes outbound interchanges: ISA/GS/ST..SE/GE/IEA around the sets' segments, with counts and control
 * numbers filled in, in the partner's delimiters. ISA06/ISA08 are padded to their fixed width of 15.
 * Pure; the control number comes from the partner's counter so it is never reused.
 */
public final class X12Writer {
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");

    /**
     * @param version      GS08, e.g. 004010 (ISA12 is its first five characters)
     * @param functionalId GS01: FA for acknowledgments, PR for 855, SH for 856, IN for 810; null for a
     *                     TA1-only interchange (no group)
     */
    public record Envelope(X12Delimiters delimiters, String senderQualifier, String senderId,
                           String receiverQualifier, String receiverId, String version, long controlNumber,
                           String functionalId, LocalDateTime at) {
    }

    /** A transaction set's segments between ST and SE; each segment is its tag followed by its elements. */
    public record TransactionSet(String type, List<List<String>> segments) {
    }

    public static List<String> segment(String tag, String... elements) {
        List<String> segment = new ArrayList<>();
        segment.add(tag);
        segment.addAll(Arrays.asList(elements));
        return segment;
    }

    public static String interchange(Envelope env, List<TransactionSet> sets) {
        return write(env, sets, List.of());
    }

    /** An interchange carrying only interchange-level segments, e.g. a TA1. */
    public static String interchangeOnly(Envelope env, List<List<String>> segments) {
        return write(env, List.of(), segments);
    }

    private static String write(Envelope env, List<TransactionSet> sets, List<List<String>> bare) {
        X12Delimiters d = env.delimiters();
        StringBuilder out = new StringBuilder(256 + sets.size() * 512);
        String control = String.format("%09d", env.controlNumber());
        String isaVersion = env.version().substring(0, 5);
        append(out, d, segment("ISA", "00", pad("", 10), "00", pad("", 10), env.senderQualifier(),
                pad(env.senderId(), 15), env.receiverQualifier(), pad(env.receiverId(), 15), YYMMDD.format(env.at()),
                HHMM.format(env.at()), isaVersion.compareTo("00402") >= 0 ? "^" : "U", isaVersion, control, "0", "P",
                String.valueOf(d.component())));
        for (List<String> segment : bare) {
            append(out, d, segment);
        }
        int groups = 0;
        if (env.functionalId() != null && !sets.isEmpty()) {
            groups = 1;
            String group = String.valueOf(env.controlNumber());
            append(out, d, segment("GS", env.functionalId(), env.senderId(), env.receiverId(),
                    CCYYMMDD.format(env.at()), HHMM.format(env.at()), group, "X", gsVersion(sets.get(0), env)));
            int number = 0;
            for (TransactionSet set : sets) {
                String st02 = String.format("%04d", ++number);
                List<String> st = "999".equals(set.type()) ? segment("ST", set.type(), st02, "005010X231A1")
                        : segment("ST", set.type(), st02);
                append(out, d, st);
                for (List<String> segment : set.segments()) {
                    append(out, d, segment);
                }
                append(out, d, segment("SE", String.valueOf(set.segments().size() + 2), st02));
            }
            append(out, d, segment("GE", String.valueOf(sets.size()), group));
        }
        append(out, d, segment("IEA", String.valueOf(groups), control));
        return out.toString();
    }

    private static String gsVersion(TransactionSet first, Envelope env) {
        return "999".equals(first.type()) ? "005010X231A1" : env.version();
    }

    private static void append(StringBuilder out, X12Delimiters d, List<String> segment) {
        int last = segment.size() - 1;
        boolean isa = "ISA".equals(segment.get(0));
        // Trailing empty elements are not written (X12 syntax rule); the ISA is fixed and never trimmed.
        while (!"ISA".equals(segment.get(0)) && last > 0 && (segment.get(last) == null || segment.get(last).isEmpty())) {
            last--;
        }
        for (int i = 0; i <= last; i++) {
            if (i > 0) {
                out.append(d.element());
            }
            String value = segment.get(i);
            out.append(value == null ? "" : isa ? value : clean(value, d));
        }
        out.append(d.segment()).append('\n');
    }

    /**
     * Free text (a reason, a SKU, a carrier's tracking number) never carries the partner's delimiters: one would
     * split its element or segment and the partner's translator would reject the whole document.
     */
    private static String clean(String value, X12Delimiters d) {
        if (value.indexOf(d.element()) < 0 && value.indexOf(d.component()) < 0 && value.indexOf(d.segment()) < 0
                && value.indexOf('\u0000') < 0) {
            return value;
        }
        // A NUL (echoed from a partner's bad element) is no X12 character either.
        return value.replace(d.element(), ' ').replace(d.component(), ' ').replace(d.segment(), ' ')
                .replace('\u0000', '?');
    }

    static String pad(String value, int width) {
        String v = value == null ? "" : value;
        return v.length() >= width ? v.substring(0, width) : v + " ".repeat(width - v.length());
    }

    private X12Writer() {
    }
}
