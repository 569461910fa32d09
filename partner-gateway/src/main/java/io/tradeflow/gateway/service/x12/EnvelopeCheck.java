package io.tradeflow.gateway.service.x12;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tradeflow.gateway.service.x12.InterchangeVerdict.GroupVerdict;
import io.tradeflow.gateway.service.x12.InterchangeVerdict.SegmentError;
import io.tradeflow.gateway.service.x12.InterchangeVerdict.SetVerdict;

/**
 * Checks an interchange's envelopes against the X12 control rules and the partner's profile. Interchange
 * faults (ISA/IEA, sender, receiver, delimiters, dates, truncation) reject it whole with a TA1 note code;
 * group and set faults (GS/GE, ST/SE references and counts, unsupported sets, segment errors) reject only
 * that group or set, reported in the 997/999. Pure.
 */
public final class EnvelopeCheck {
    // Compiled once: String.matches compiles its pattern on every call, here for every set of every interchange.
    private static final java.util.regex.Pattern NINE_DIGITS = java.util.regex.Pattern.compile("\\d{9}");
    private static final java.util.regex.Pattern SET_CONTROL = java.util.regex.Pattern.compile("\\d{4,9}");
    /** TA1 note codes for a bad value in ISA element n (X12 I18). */
    private static final Map<Integer, String> ISA_NOTES = Map.ofEntries(Map.entry(1, "010"), Map.entry(2, "011"),
            Map.entry(3, "012"), Map.entry(4, "013"), Map.entry(5, "005"), Map.entry(6, "006"), Map.entry(7, "007"),
            Map.entry(8, "008"), Map.entry(9, "014"), Map.entry(10, "015"), Map.entry(11, "016"),
            Map.entry(12, "017"), Map.entry(13, "018"), Map.entry(14, "019"), Map.entry(15, "020"),
            Map.entry(16, "027"));

    public static InterchangeVerdict check(X12Interchange interchange, X12Expectations expected) {
        X12Segment isa = interchange.first("ISA");
        if (isa == null) {
            return rejected(null, "022", "no ISA segment could be read: " + interchange.fatal());
        }
        if (interchange.delimiters() == null || !interchange.delimiters().usable()) {
            return rejected(isa, "026", "the ISA declares unusable delimiters " + interchange.delimiters());
        }
        if (interchange.fatal() != null) {
            return rejected(isa, "023", "the interchange ends prematurely: " + interchange.fatal());
        }
        for (X12Interchange.ReaderError error : interchange.errors()) {
            if ("ISA".equals(error.segmentTag())) {
                return rejected(isa, ISA_NOTES.getOrDefault(error.elementPosition(), "022"),
                        "ISA" + String.format("%02d", error.elementPosition()) + " " + error.type().toLowerCase()
                                .replace('_', ' ') + ": " + error.text());
            }
        }
        String profileProblem = profileMismatch(isa, expected);
        if (profileProblem != null) {
            return rejected(isa, profileProblem.substring(0, 3), profileProblem.substring(4));
        }
        if (!NINE_DIGITS.matcher(isa.element(13)).matches()) {
            return rejected(isa, "018", "ISA13 must be 9 digits but was " + isa.element(13));
        }
        List<X12Segment> segments = interchange.segments();
        X12Segment iea = segments.get(segments.size() - 1);
        if (!"IEA".equals(iea.tag())) {
            return rejected(isa, "023", "the interchange has no IEA trailer");
        }
        if (!iea.element(2).equals(isa.element(13))) {
            return rejected(isa, "001", "ISA13 " + isa.element(13) + " does not match IEA02 " + iea.element(2));
        }
        List<GroupVerdict> groups = new ArrayList<>();
        X12Segment gs = null;
        int groupStart = -1;
        for (int i = 1; i < segments.size() - 1; i++) {
            X12Segment segment = segments.get(i);
            if ("GS".equals(segment.tag())) {
                gs = segment;
                groupStart = i;
            } else if ("GE".equals(segment.tag()) && gs != null) {
                groups.add(group(gs, segments.subList(groupStart + 1, i), segment, expected));
                gs = null;
            } else if (gs == null) {
                return rejected(isa, "024", "segment " + segment.tag() + " stands outside any functional group");
            }
        }
        if (gs != null) {
            return rejected(isa, "023", "functional group " + gs.element(6) + " has no GE trailer");
        }
        if (!iea.element(1).equals(String.valueOf(groups.size()))) {
            return rejected(isa, "021", "IEA01 says " + iea.element(1) + " groups but the interchange holds "
                    + groups.size());
        }
        return new InterchangeVerdict(isa.element(13), isa.element(9), isa.element(10), isa.element(5),
                isa.element(6).trim(), isa.element(7), isa.element(8).trim(), null, null, List.copyOf(groups));
    }

    private static String profileMismatch(X12Segment isa, X12Expectations expected) {
        if (!isa.element(5).equals(expected.senderQualifier())) {
            return "005 ISA05 " + isa.element(5) + " is not this partner's sender qualifier";
        }
        if (!isa.element(6).trim().equals(expected.senderId())) {
            return "006 ISA06 " + isa.element(6).trim() + " is not this partner's sender id";
        }
        if (!isa.element(7).equals(expected.receiverQualifier())) {
            return "007 ISA07 " + isa.element(7) + " is not the receiver qualifier agreed with this partner";
        }
        if (!isa.element(8).trim().equals(expected.receiverId())) {
            return "008 ISA08 " + isa.element(8).trim() + " is not the receiver id agreed with this partner";
        }
        String isaVersion = expected.version().substring(0, 5);
        if (!isa.element(12).equals(isaVersion)) {
            return "017 ISA12 " + isa.element(12) + " is not the agreed version " + isaVersion;
        }
        return null;
    }

    private static GroupVerdict group(X12Segment gs, List<X12Segment> inner, X12Segment ge, X12Expectations expected) {
        List<String> ak9 = new ArrayList<>();
        if (!gs.element(8).startsWith(expected.version())) {
            ak9.add("2");
        }
        if (!ge.element(2).equals(gs.element(6))) {
            ak9.add("4");
        }
        List<SetVerdict> sets = new ArrayList<>();
        java.util.Set<String> controlNumbers = new java.util.HashSet<>();
        int start = -1;
        for (int i = 0; i < inner.size(); i++) {
            X12Segment segment = inner.get(i);
            if ("ST".equals(segment.tag())) {
                start = i;
            } else if ("SE".equals(segment.tag()) && start >= 0) {
                SetVerdict set = set(inner.get(start), inner.subList(start + 1, i), segment, gs.element(6), expected);
                // A repeated ST02 in one group is a resend or a broken translator: the first one counts.
                sets.add(controlNumbers.add(set.controlNumber()) ? set : set.withCode("23"));
                start = -1;
            }
        }
        if (start >= 0) {
            X12Segment st = inner.get(start);
            sets.add(new SetVerdict(st.element(1), st.element(2), gs.element(6), List.of(), List.of("2"), List.of(),
                    false));
        }
        if (!ge.element(1).equals(String.valueOf(sets.size()))) {
            ak9.add("5");
        }
        if (!ak9.isEmpty()) {
            // A broken group envelope cannot vouch for its sets: none of them proceeds.
            sets = sets.stream().map(SetVerdict::rejectedWithGroup).toList();
        }
        return new GroupVerdict(gs.element(1), gs.element(6), gs.element(8), ge.element(1), List.copyOf(ak9),
                List.copyOf(sets));
    }

    private static SetVerdict set(X12Segment st, List<X12Segment> body, X12Segment se, String group,
                                  X12Expectations expected) {
        List<String> ak5 = new ArrayList<>();
        if (!expected.documentTypes().contains(st.element(1))) {
            ak5.add("1");
        }
        if (!se.element(2).equals(st.element(2))) {
            ak5.add("3");
        }
        if (!se.element(1).equals(String.valueOf(body.size() + 2))) {
            ak5.add("4");
        }
        if (!SET_CONTROL.matcher(st.element(2)).matches()) {
            ak5.add("7");
        }
        List<SegmentError> segmentErrors = "850".equals(st.element(1))
                ? PurchaseOrderRules.check(body) : List.of();
        if (!segmentErrors.isEmpty()) {
            ak5.add("5");
        }
        return new SetVerdict(st.element(1), st.element(2), group, List.copyOf(body), List.copyOf(ak5),
                segmentErrors, false);
    }

    private static InterchangeVerdict rejected(X12Segment isa, String note, String reason) {
        return new InterchangeVerdict(isa == null ? null : isa.element(13), isa == null ? null : isa.element(9),
                isa == null ? null : isa.element(10), isa == null ? null : isa.element(5),
                isa == null ? null : isa.element(6).trim(), isa == null ? null : isa.element(7),
                isa == null ? null : isa.element(8).trim(), note, reason, List.of());
    }

    private EnvelopeCheck() {
    }
}
