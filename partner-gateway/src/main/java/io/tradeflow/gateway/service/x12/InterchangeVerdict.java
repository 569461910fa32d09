package io.tradeflow.gateway.service.x12;

import java.util.List;

/**
 * The outcome of checking an interchange: either rejected as a whole (a TA1 note code) or, group by group
 * and set by set, which transaction sets are accepted and why others are not.
 *
 * @param ta1Note  null when the envelope is sound; otherwise the TA1 note code (e.g. 001, 006, 023)
 * @param ta1Reason human-readable reason for the audit trail
 */
public record InterchangeVerdict(String isa13, String isa09, String isa10, String senderQualifier, String senderId,
                                 String receiverQualifier, String receiverId, String ta1Note, String ta1Reason,
                                 List<GroupVerdict> groups) {

    public boolean envelopeRejected() {
        return ta1Note != null;
    }

    public List<SetVerdict> acceptedSets() {
        return groups.stream().flatMap(g -> g.sets().stream()).filter(SetVerdict::accepted).toList();
    }

    public List<SetVerdict> allSets() {
        return groups.stream().flatMap(g -> g.sets().stream()).toList();
    }

    /**
     * @param includedSets what GE01 declares, echoed in AK902 even when it is wrong (AK903 says what arrived)
     * @param ak9Codes     group-level error codes (AK905..); empty when the group itself is sound
     */
    public record GroupVerdict(String functionalId, String controlNumber, String version, String includedSets,
                               List<String> ak9Codes, List<SetVerdict> sets) {
        public long accepted() {
            return sets.stream().filter(SetVerdict::accepted).count();
        }
    }

    /**
     * @param body      the set's segments between ST and SE (exclusive), what the mapping reads
     * @param ak5Codes  set-level error codes (AK502..); empty with no segment errors means accepted
     * @param withGroup rejected only because its group's envelope is broken: AK5*R without a code of its own,
     *                  the reason is in AK905
     */
    public record SetVerdict(String type, String controlNumber, String groupControlNumber, List<X12Segment> body,
                             List<String> ak5Codes, List<SegmentError> segmentErrors, boolean withGroup) {
        public boolean accepted() {
            return !withGroup && ak5Codes.isEmpty() && segmentErrors.isEmpty();
        }

        SetVerdict rejectedWithGroup() {
            return new SetVerdict(type, controlNumber, groupControlNumber, body, ak5Codes, segmentErrors, true);
        }

        SetVerdict withCode(String code) {
            List<String> codes = new java.util.ArrayList<>(ak5Codes);
            codes.add(code);
            return new SetVerdict(type, controlNumber, groupControlNumber, body, List.copyOf(codes), segmentErrors,
                    withGroup);
        }
    }

    /** An AK3/IK3: the segment, its position in the set (ST = 1), and the AK4/IK4 element errors. */
    public record SegmentError(String tag, int position, String code, List<ElementError> elements) {
    }

    /** An AK4/IK4: element position, data element reference number, error code, the bad value. */
    public record ElementError(int position, String reference, String code, String badValue) {
    }
}
