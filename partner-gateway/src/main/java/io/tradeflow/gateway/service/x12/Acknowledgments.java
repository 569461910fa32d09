package io.tradeflow.gateway.service.x12;

import static io.tradeflow.gateway.service.x12.X12Writer.segment;

import java.util.ArrayList;
import java.util.List;

import io.tradeflow.gateway.service.x12.InterchangeVerdict.ElementError;
import io.tradeflow.gateway.service.x12.InterchangeVerdict.GroupVerdict;
import io.tradeflow.gateway.service.x12.InterchangeVerdict.SegmentError;
import io.tradeflow.gateway.service.x12.InterchangeVerdict.SetVerdict;

/**
 * Builds the acknowledgments a partner gets back synchronously: a TA1 when the interchange envelope is
 * rejected, otherwise one 997 (or 999) set per functional group with AK2/AK5 per transaction set and
 * AK3/AK4 (IK3/IK4 in a 999) for each segment and element error. Pure.
 */
public final class Acknowledgments {

    /** TA1*ISA13*ISA09*ISA10*R*note: the whole interchange is refused. */
    public static List<String> ta1(InterchangeVerdict verdict) {
        return segment("TA1", verdict.isa13(), verdict.isa09(), verdict.isa10(), "R", verdict.ta1Note());
    }

    /**
     * TA1*ISA13*ISA09*ISA10*A*000: the interchange arrived sound. The answer to an interchange of acknowledgments
     * only, which X12 never acknowledges functionally (a 997 for a 997 would invite the partner to answer again).
     */
    public static List<String> ta1Accepted(InterchangeVerdict verdict) {
        return segment("TA1", verdict.isa13(), verdict.isa09(), verdict.isa10(), "A", "000");
    }

    /**
     * One 997/999 set per functional group, except groups of acknowledgments (GS01 FA), which are never
     * acknowledged: empty when the interchange held nothing else.
     *
     * @param type "997" or "999"
     */
    public static List<X12Writer.TransactionSet> functional(InterchangeVerdict verdict, String type) {
        boolean implementation = "999".equals(type);
        List<X12Writer.TransactionSet> sets = new ArrayList<>();
        for (GroupVerdict group : verdict.groups()) {
            if ("FA".equals(group.functionalId())) {
                continue;
            }
            List<List<String>> segments = new ArrayList<>();
            segments.add(implementation ? segment("AK1", group.functionalId(), group.controlNumber(), group.version())
                    : segment("AK1", group.functionalId(), group.controlNumber()));
            for (SetVerdict set : group.sets()) {
                segments.add(segment("AK2", set.type(), set.controlNumber()));
                for (SegmentError error : set.segmentErrors()) {
                    segments.add(segment(implementation ? "IK3" : "AK3", error.tag(),
                            String.valueOf(error.position()), "", error.code()));
                    for (ElementError element : error.elements()) {
                        segments.add(segment(implementation ? "IK4" : "AK4", String.valueOf(element.position()),
                                element.reference(), element.code(), element.badValue()));
                    }
                }
                List<String> ak5 = new ArrayList<>(segment(implementation ? "IK5" : "AK5",
                        set.accepted() ? "A" : "R"));
                ak5.addAll(set.ak5Codes().stream().limit(5).toList());
                segments.add(ak5);
            }
            long accepted = group.ak9Codes().isEmpty() ? group.accepted() : 0;
            String status = accepted == group.sets().size() && !group.sets().isEmpty() ? "A"
                    : accepted == 0 ? "R" : "P";
            String included = group.includedSets().matches("\\d{1,6}") ? group.includedSets()
                    : String.valueOf(group.sets().size());
            List<String> ak9 = new ArrayList<>(segment("AK9", status, included,
                    String.valueOf(group.sets().size()), String.valueOf(accepted)));
            ak9.addAll(group.ak9Codes().stream().limit(5).toList());
            segments.add(ak9);
            sets.add(new X12Writer.TransactionSet(type, segments));
        }
        return sets;
    }

    private Acknowledgments() {
    }
}
