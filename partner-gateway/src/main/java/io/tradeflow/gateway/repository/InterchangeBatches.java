package io.tradeflow.gateway.repository;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.events.Topics;
import io.tradeflow.platform.outbox.OutboxWriter;
import io.tradeflow.platform.transaction.GroupCommit;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Inbound interchanges recorded by group commit: the receipts (duplicate check), the partners' control numbers
 * (our 997's, and the inbound ISA13 for the gap check), the PO claims, their canonical orders in the outbox and
 * the audit records of every interchange that arrived alongside are written by one transaction of set-based
 * statements, and each caller hears back only after that transaction has committed. Per document the same work
 * took six statements of its own (begin, receipt, claim, outbox, audit, commit), which with PostgreSQL on the
 * same cores was most of a document's cost in the benchmark.
 * <p>
 * Batches are formed by {@link GroupCommit}: a lone interchange is written at once, under load batches grow with
 * the load, and a failed batch (one bad document must not sink the others) is written again one interchange at a
 * time.
 * <p>
 * The semantics are those of one transaction per interchange in arrival order: within a batch a partner's
 * interchanges take consecutive control numbers in arrival order, and the gap check compares each with the one
 * before it. Partner rows are locked in id order, so concurrent batches (or replicas) cannot deadlock on them.
 */
@ApplicationScoped
public class InterchangeBatches {
    static final String RECEIPTS = "insert into interchange_receipt (sender, receiver, control, message_id) "
            + "select * from unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[]) "
            + "on conflict do nothing returning message_id";
    static final String LOCK_PARTNERS = "select id from partner where id = any($1) order by id for update";
    /** Returns each partner's outbound control before the batch and its highest ISA13 before the batch. */
    static final String CONTROLS = "update partner p set outbound_control = p.outbound_control + t.n, "
            + "previous_inbound_control = case when t.top is null then p.previous_inbound_control "
            + "else p.last_inbound_control end, "
            + "last_inbound_control = case when t.top is null then p.last_inbound_control "
            + "else greatest(coalesce(p.last_inbound_control, 0), t.top) end "
            + "from unnest($1::varchar[], $2::int[], $3::bigint[]) as t(id, n, top) where p.id = t.id "
            + "returning p.id, p.outbound_control - t.n, p.previous_inbound_control";

    @Inject
    Pool pool;
    @Inject
    OutboxWriter outbox;
    @Inject
    InterchangeLedger ledger;

    @ConfigProperty(name = "tradeflow.gateway.intake.batch-size", defaultValue = "64")
    int batchSize;
    @ConfigProperty(name = "tradeflow.gateway.intake.max-in-flight", defaultValue = "2")
    int maxInFlight;
    /** Beyond this many waiting interchanges the database is not keeping up: refuse (503) rather than queue forever. */
    @ConfigProperty(name = "tradeflow.gateway.intake.max-waiting", defaultValue = "5000")
    int maxWaiting;

    private GroupCommit<Arrival, Void> batches;

    @PostConstruct
    void init() {
        batches = GroupCommit.wholeGroups("interchanges", pool, batchSize, maxInFlight, maxWaiting, this::write);
    }

    /**
     * Called inside the transaction once the interchange's control numbers, duplicate status and claims are known,
     * to complete its audit record (acknowledgment, flags, outcome) before it is written. It may run more than
     * once (a failed batch is retried per interchange), so it sets the record's fields, it does not add to them.
     *
     * @param claimed        per claim of the arrival, whether it became an order (false: the PO was ordered before)
     * @param acknowledgedOutbound how many of our outbound documents the arrival's 997s matched, or null
     */
    public interface Settlement {
        void settle(InterchangeLedger.Receipt receipt, List<Boolean> claimed, Integer acknowledgedOutbound);
    }

    /**
     * An interchange whose envelope is sound, ready to record.
     *
     * @param checkDuplicate false for a replay, which proceeds whatever was received before
     * @param claims         the canonical orders of its accepted 850s, one per PO
     * @param message        its audit record; {@link Settlement} completes it
     */
    public record Arrival(String partnerId, String sender, String receiver, String isa13, boolean checkDuplicate,
                          List<PartnerOrder> claims, List<InterchangeLedger.GroupAcknowledgment> acknowledgedGroups,
                          PartnerMessage message,
                          String traceparent, Settlement settlement) {
    }

    /** Completes once the interchange and its effects are committed (503 problem when too many are waiting). */
    public Uni<Void> record(Arrival arrival) {
        return batches.submit(arrival);
    }

    private Uni<Void> write(SqlConnection conn, List<Arrival> arrivals) {
        return receipts(conn, arrivals)
                .chain(firsts -> controls(conn, arrivals, firsts)
                        .chain(receipts -> claims(conn, arrivals, receipts)
                                .chain(claimed -> acknowledgments(conn, arrivals, receipts)
                                        .chain(matched -> {
                                            List<OutboxWriter.Pending> events = new ArrayList<>();
                                            for (int i = 0; i < arrivals.size(); i++) {
                                                Arrival a = arrivals.get(i);
                                                a.settlement().settle(receipts.get(i), claimed.get(i), matched.get(i));
                                                for (int c = 0; c < a.claims().size(); c++) {
                                                    if (claimed.get(i).get(c)) {
                                                        PartnerOrder claim = a.claims().get(c);
                                                        events.add(new OutboxWriter.Pending(claim.orderKey,
                                                                claim.canonical, a.message().receivedAt,
                                                                a.message().correlationId, a.traceparent()));
                                                    }
                                                }
                                            }
                                            // Issued together: the connection pipelines them.
                                            Uni<Void> published = events.isEmpty() ? Uni.createFrom().voidItem()
                                                    : outbox.appendAll(conn, Topics.ORDERS_INBOUND,
                                                    CloudEventTypes.INBOUND_ORDER, events);
                                            Uni<Void> audited = AuditedMessages.insert(conn,
                                                    arrivals.stream().map(Arrival::message).toList());
                                            return Uni.combine().all().unis(published, audited).discardItems();
                                        }))));
    }

    /** Which arrivals are first receipts of their (sender, receiver, ISA13); replays always are. */
    private Uni<boolean[]> receipts(SqlConnection conn, List<Arrival> arrivals) {
        boolean[] first = new boolean[arrivals.size()];
        List<Arrival> checked = new ArrayList<>();
        for (int i = 0; i < arrivals.size(); i++) {
            first[i] = !arrivals.get(i).checkDuplicate();
            if (arrivals.get(i).checkDuplicate()) {
                checked.add(arrivals.get(i));
            }
        }
        if (checked.isEmpty()) {
            return Uni.createFrom().item(first);
        }
        return conn.preparedQuery(RECEIPTS).execute(Tuple.of(
                        checked.stream().map(Arrival::sender).toArray(String[]::new),
                        checked.stream().map(Arrival::receiver).toArray(String[]::new),
                        checked.stream().map(Arrival::isa13).toArray(String[]::new),
                        checked.stream().map(a -> a.message().id).toArray(String[]::new)))
                .map(rows -> {
                    Set<String> inserted = new HashSet<>();
                    for (Row row : rows) {
                        inserted.add(row.getString(0));
                    }
                    for (int i = 0; i < arrivals.size(); i++) {
                        first[i] = first[i] || inserted.contains(arrivals.get(i).message().id);
                    }
                    return first;
                });
    }

    /**
     * Locks the batch's partners in id order, moves each one's outbound control by its number of arrivals and its
     * inbound ISA13 to the highest that proceeds, then hands the control numbers out in arrival order.
     */
    private Uni<List<InterchangeLedger.Receipt>> controls(SqlConnection conn, List<Arrival> arrivals, boolean[] first) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, Long> tops = new HashMap<>();
        for (int i = 0; i < arrivals.size(); i++) {
            Arrival a = arrivals.get(i);
            counts.computeIfAbsent(a.partnerId(), id -> new int[1])[0]++;
            if (first[i]) {
                tops.merge(a.partnerId(), Long.parseLong(a.isa13()), Math::max);
            }
        }
        String[] ids = new TreeSet<>(counts.keySet()).toArray(String[]::new);
        Integer[] n = new Integer[ids.length];
        Long[] top = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            n[i] = counts.get(ids[i])[0];
            top[i] = tops.get(ids[i]);
        }
        Uni<Void> locked = conn.preparedQuery(LOCK_PARTNERS).execute(Tuple.of((Object) ids)).replaceWithVoid();
        Uni<Map<String, long[]>> moved = conn.preparedQuery(CONTROLS).execute(Tuple.of(ids, n, top)).map(rows -> {
            Map<String, long[]> before = new HashMap<>();
            for (Row row : rows) {
                Long previous = row.getLong(2);
                before.put(row.getString(0), new long[] {row.getLong(1), previous == null ? -1 : previous});
            }
            return before;
        });
        // Issued together: the connection pipelines them and runs the lock first.
        return Uni.combine().all().unis(locked, moved).asTuple().map(both -> {
            Map<String, long[]> state = both.getItem2();
            List<InterchangeLedger.Receipt> receipts = new ArrayList<>(arrivals.size());
            for (int i = 0; i < arrivals.size(); i++) {
                Arrival a = arrivals.get(i);
                long[] partner = state.get(a.partnerId());
                if (partner == null) {
                    throw new IllegalStateException("partner " + a.partnerId() + " vanished");
                }
                long outbound = ++partner[0];
                if (!first[i]) {
                    receipts.add(new InterchangeLedger.Receipt(outbound, null, false));
                    continue;
                }
                Long previous = partner[1] < 0 ? null : partner[1];
                receipts.add(new InterchangeLedger.Receipt(outbound, previous, true));
                long control = Long.parseLong(a.isa13());
                partner[1] = previous == null ? control : Math.max(previous, control);
            }
            return receipts;
        });
    }

    /** Per arrival and claim, whether the claim became an order; arrivals that do not proceed claim nothing. */
    private Uni<List<List<Boolean>>> claims(SqlConnection conn, List<Arrival> arrivals,
                                            List<InterchangeLedger.Receipt> receipts) {
        List<PartnerOrder> all = new ArrayList<>();
        for (int i = 0; i < arrivals.size(); i++) {
            if (receipts.get(i).first()) {
                all.addAll(arrivals.get(i).claims());
            }
        }
        Uni<Set<String>> inserted = PartnerOrderClaims.claim(conn, all);
        return inserted.map(claimed -> {
            List<List<Boolean>> result = new ArrayList<>(arrivals.size());
            for (int i = 0; i < arrivals.size(); i++) {
                boolean proceeds = receipts.get(i).first();
                // remove, not contains: a PO twice in one interchange became one order, claimed by its first set
                result.add(arrivals.get(i).claims().stream()
                        .map(c -> proceeds && claimed.remove(PartnerOrderClaims.key(c))).toList());
            }
            return result;
        });
    }

    /** Matches the partners' 997s to our outbound documents (rare: one statement per arrival that carries one). */
    private Uni<List<Integer>> acknowledgments(SqlConnection conn, List<Arrival> arrivals,
                                               List<InterchangeLedger.Receipt> receipts) {
        Integer[] matched = new Integer[arrivals.size()];
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < arrivals.size(); i++) {
            Arrival a = arrivals.get(i);
            if (receipts.get(i).first() && !a.acknowledgedGroups().isEmpty()) {
                int at = i;
                chain = chain.chain(() -> ledger.acknowledge(conn, a.partnerId(), a.acknowledgedGroups())
                        .invoke(count -> matched[at] = count).replaceWithVoid());
            }
        }
        return chain.map(ignored -> java.util.Arrays.asList(matched));
    }
}
