package io.tradeflow.gateway.service;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.orders.CanonicalOrder;
import io.tradeflow.gateway.repository.InterchangeBatches;
import io.tradeflow.gateway.repository.InterchangeLedger;
import io.tradeflow.gateway.repository.Partner;
import io.tradeflow.gateway.repository.PartnerMessage;
import io.tradeflow.gateway.repository.PartnerOrder;
import io.tradeflow.gateway.service.x12.Acknowledgments;
import io.tradeflow.gateway.service.x12.EnvelopeCheck;
import io.tradeflow.gateway.service.x12.InterchangeVerdict;
import io.tradeflow.gateway.service.x12.InterchangeVerdict.SetVerdict;
import io.tradeflow.gateway.service.x12.PurchaseOrder850;
import io.tradeflow.gateway.service.x12.X12Interchange;
import io.tradeflow.gateway.service.x12.X12Reader;
import io.tradeflow.gateway.service.x12.X12Segment;
import io.tradeflow.gateway.service.x12.X12Writer;
import io.tradeflow.platform.problem.ProblemException;
import io.tradeflow.platform.outbox.OutboxWriter;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * One inbound X12 interchange: read, checked, acknowledged (TA1 or 997/999) and, for each accepted 850,
 * turned into a canonical order on {@code orders.inbound} — all in one transaction with its audit record,
 * so an order is published if and only if the interchange was recorded. A repeated (sender, receiver,
 * ISA13) is acknowledged again and recorded as a duplicate, never ordered twice.
 */
@ApplicationScoped
public class X12Intake {
    public static final String MEDIA_TYPE = "application/edi-x12";

    @Inject
    Pool pool;
    @Inject
    InterchangeLedger ledger;
    @Inject
    InterchangeBatches batches;
    @Inject
    ObjectMapper mapper;
    @Inject
    GatewayMetrics metrics;

    public Uni<DocumentAnswer> receive(Partner partner, String payload, String contentType, String replayOf,
                                       OffsetDateTime receivedAt, long startNanos) {
        X12Interchange interchange = X12Reader.read(payload);
        InterchangeVerdict verdict = EnvelopeCheck.check(interchange, PartnerDirectory.expectations(partner));
        // A NUL X12 does not allow is answered in the 997 (AK4 code 6) and audited as U+FFFD (AuditedMessages).
        PartnerMessage message = MessageLog.start(partner.id, "INBOUND", documentType(verdict), contentType,
                payload, receivedAt);
        message.replayOf = replayOf;
        message.interchangeControl = verdict.isa13();
        message.parseResult = parseResult(interchange, verdict);
        if (verdict.isa13() == null) {
            // Not even an ISA: no TA1 can refer to it. Record it, then refuse it as a bad request.
            MessageLog.finish(message, "NOT_X12", startNanos);
            return pool.withTransaction(conn -> ledger.record(conn, message)).invoke(() -> count(partner, message))
                    .chain(() -> Uni.createFrom().<DocumentAnswer>failure(ProblemException.invalidField("body",
                            "is not an X12 interchange: " + verdict.ta1Reason())));
        }
        if (verdict.envelopeRejected()) {
            return pool.withTransaction(conn -> ledger.nextControlNumber(conn, partner.id).chain(control -> {
                message.acknowledgment = X12Writer.interchangeOnly(envelope(partner, control, null),
                        List.of(Acknowledgments.ta1(verdict)));
                message.flags = "TA1 " + verdict.ta1Note() + ": " + verdict.ta1Reason();
                MessageLog.finish(message, "REJECTED", startNanos);
                return ledger.record(conn, message);
            })).map(ignored -> answer(partner, message));
        }
        message.groupControl = verdict.groups().isEmpty() ? null : verdict.groups().get(0).controlNumber();
        // Everything that does not depend on our control numbers is worked out before the transaction, so the
        // partner's row lock is held for as few round trips as possible.
        List<PartnerOrder> claims = new ArrayList<>();
        List<String> setControls = new ArrayList<>();
        List<InterchangeLedger.GroupAcknowledgment> acknowledgedGroups = new ArrayList<>();
        // ISA15 T: the partner is testing its map. Acknowledged like a production interchange (that is what it
        // tests), but no order comes of it.
        boolean testInterchange = !interchange.segments().isEmpty() && "ISA".equals(interchange.segments().get(0).tag())
                && "T".equals(interchange.segments().get(0).element(15));
        for (SetVerdict set : verdict.acceptedSets()) {
            if ("850".equals(set.type()) && !testInterchange) {
                claims.add(claim(partner, verdict, set, message));
                setControls.add(set.controlNumber());
            } else if ("997".equals(set.type()) || "999".equals(set.type())) {
                acknowledgedGroups.addAll(groupAcknowledgments(set.body()));
            }
        }
        String traceparent = OutboxWriter.traceparent();
        long[] lost = new long[1];
        InterchangeBatches.Settlement settlement = (receipt, claimed, matched) -> {
            // Sets rather than adds: a failed batch settles its interchanges again when it retries them alone.
            message.flags = testInterchange ? "test interchange (ISA15 T): acknowledged, not ordered" : null;
            message.setControl = null;
            message.orderKey = null;
            lost[0] = 0;
            acknowledge(partner, verdict, message, receipt.outbound());
            if (!receipt.first()) {
                message.flags = "duplicate of interchange " + verdict.isa13();
                MessageLog.finish(message, "DUPLICATE", startNanos);
                return;
            }
            lost[0] = gapCheck(Long.parseLong(verdict.isa13()), receipt.previousInbound(), message);
            for (int i = 0; i < claims.size(); i++) {
                PartnerOrder claim = claims.get(i);
                message.setControl = setControls.get(i);
                message.orderKey = message.orderKey == null ? claim.orderKey : message.orderKey + "," + claim.orderKey;
                if (!claimed.get(i)) {
                    addFlag(message, "PO " + claim.poNumber + " already ordered, not ordered again");
                }
            }
            if (matched != null) {
                addFlag(message, "acknowledges " + matched + " outbound document(s)");
                acknowledgedGroups.stream().filter(g -> !"ACKNOWLEDGED".equals(g.status())).forEach(g -> addFlag(
                        message, "our group " + g.groupControl() + " " + g.status().toLowerCase().replace('_', ' ')));
            }
            MessageLog.finish(message, outcome(verdict), startNanos);
        };
        return batches.record(new InterchangeBatches.Arrival(partner.id,
                        verdict.senderQualifier() + "/" + verdict.senderId(),
                        verdict.receiverQualifier() + "/" + verdict.receiverId(), verdict.isa13(), replayOf == null,
                        claims, acknowledgedGroups, message, traceparent, settlement))
                .map(ignored -> {
                    if (lost[0] > 0) {
                        metrics.possiblyLost(partner.id, lost[0]);
                    }
                    return answer(partner, message);
                });
    }

    /** Each AK1 (the group of ours it answers) with the AK9 that closes it. */
    static List<InterchangeLedger.GroupAcknowledgment> groupAcknowledgments(List<X12Segment> body) {
        List<InterchangeLedger.GroupAcknowledgment> groups = new ArrayList<>();
        String group = null;
        for (X12Segment segment : body) {
            if ("AK1".equals(segment.tag())) {
                group = segment.element(2);
            } else if ("AK9".equals(segment.tag()) && group != null) {
                groups.add(InterchangeLedger.GroupAcknowledgment.of(group, segment.element(1)));
                group = null;
            }
        }
        if (group != null) {
            groups.add(InterchangeLedger.GroupAcknowledgment.of(group, null)); // no AK9: nothing was accepted
        }
        return groups;
    }

    private DocumentAnswer answer(Partner partner, PartnerMessage message) {
        count(partner, message);
        return new DocumentAnswer(message.id, MEDIA_TYPE, message.acknowledgment, message.outcome);
    }

    private void acknowledge(Partner partner, InterchangeVerdict verdict, PartnerMessage message, long control) {
        List<X12Writer.TransactionSet> functional = Acknowledgments.functional(verdict, partner.acknowledgment);
        message.acknowledgment = functional.isEmpty()
                ? X12Writer.interchangeOnly(envelope(partner, control, null), List.of(Acknowledgments.ta1Accepted(verdict)))
                : X12Writer.interchange(envelope(partner, control, "FA"), functional);
    }

    /** Flags a jump in the partner's ISA13 as possibly lost interchanges; how many may be lost. */
    private static long gapCheck(long control, Long previous, PartnerMessage message) {
        if (previous != null && control > previous + 1) {
            long missing = control - previous - 1;
            addFlag(message, "possibly lost interchanges " + (previous + 1)
                    + (missing > 1 ? ".." + (control - 1) : ""));
            return missing;
        }
        return 0;
    }

    /** The canonical order of an accepted 850, as JSON once: the same text is claimed and published. */
    private PartnerOrder claim(Partner partner, InterchangeVerdict verdict, SetVerdict set, PartnerMessage message) {
        CanonicalOrder order = PurchaseOrder850.map(set.body(), new PurchaseOrder850.Envelope(partner.id,
                partner.customerId, verdict.isa13(), set.groupControlNumber(), set.controlNumber()));
        PartnerOrder claim = new PartnerOrder();
        claim.partnerId = partner.id;
        claim.poNumber = order.customerPoNumber();
        claim.orderKey = PurchaseOrder850.orderKey(partner.id, order.customerPoNumber());
        claim.poDate = poDate(set.body());
        claim.canonical = json(order);
        claim.messageId = message.id;
        return claim;
    }

    private void count(Partner partner, PartnerMessage message) {
        metrics.document(partner.id, message.documentType, "INBOUND", message.outcome);
        metrics.acknowledgmentLatency(partner.id, message.durationMicros);
    }

    private X12Writer.Envelope envelope(Partner partner, long control, String functionalId) {
        return new X12Writer.Envelope(PartnerDirectory.delimiters(partner), partner.receiverQualifier,
                partner.receiverId, partner.senderQualifier, partner.senderId, partner.x12Version, control,
                functionalId, LocalDateTime.now());
    }

    private static String outcome(InterchangeVerdict verdict) {
        int all = verdict.allSets().size();
        int accepted = verdict.acceptedSets().size();
        return accepted == all && all > 0 ? "ACCEPTED" : accepted == 0 ? "REJECTED" : "PARTIALLY_ACCEPTED";
    }

    private static String documentType(InterchangeVerdict verdict) {
        // ST01 is three digits; anything else is logged as plain X12 (the set itself is refused as unsupported).
        String type = verdict.allSets().isEmpty() ? null : verdict.allSets().get(0).type();
        return type != null && type.matches("\\d{3}") ? type : "X12";
    }

    private static java.time.LocalDate poDate(List<X12Segment> body) {
        return body.stream().filter(s -> "BEG".equals(s.tag())).findFirst().map(s -> {
            try {
                return java.time.LocalDate.parse(s.element(5), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
            } catch (RuntimeException e) {
                return null;
            }
        }).orElse(null);
    }

    private String parseResult(X12Interchange interchange, InterchangeVerdict verdict) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("segments", interchange.segments().size());
        result.put("readerErrors", interchange.errors());
        result.put("fatal", interchange.fatal());
        result.put("ta1Note", verdict.ta1Note());
        result.put("ta1Reason", verdict.ta1Reason());
        result.put("groups", verdict.groups().stream().map(g -> Map.of("controlNumber", g.controlNumber(),
                "ak9Codes", g.ak9Codes(), "sets", g.sets().stream().map(s -> Map.of("type", s.type(),
                        "controlNumber", s.controlNumber(), "accepted", s.accepted(), "ak5Codes", s.ak5Codes(),
                        "segmentErrors", s.segmentErrors())).toList())).toList());
        return json(result);
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    static void addFlag(PartnerMessage message, String flag) {
        String flags = message.flags == null ? flag : message.flags + "; " + flag;
        message.flags = flags.length() > 500 ? flags.substring(0, 500) : flags;
    }
}
