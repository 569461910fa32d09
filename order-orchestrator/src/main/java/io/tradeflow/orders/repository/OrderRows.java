package io.tradeflow.orders.repository;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.orders.OrderState;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The saga's hot path on the plain reactive SQL client: set-based statements that serve a whole batch of orders
 * (a Kafka poll, a group of steps) in one round trip each, where Hibernate would issue one statement per row.
 * The entity classes only carry the values here; nothing is managed by a session.
 */
@ApplicationScoped
public class OrderRows {
    private static final String COLUMNS = "id, customer_id, channel, customer_po_number, requested_date, currency, "
            + "quote_id, ship_to, partner_ref, lines, total, state, sequence, erp_order_number, commit_pending, "
            + "invoice_posted, compensation_target, attempts, deadline_kind, deadline_at, stuck_reason, stuck_since, "
            + "shipments, invoice, returns, credits, correlation_id, accepted_at, updated_at, hold_expires_at";
    // Sorted, so two batches touching the same orders lock them in the same order and cannot deadlock.
    private static final String LOCK = "select " + COLUMNS + " from customer_order where id = any($1::varchar[]) "
            + "order by id for update";
    private static final String READ = "select " + COLUMNS + " from customer_order where id = $1";
    /**
     * Locked (in key order, so two batches never deadlock on two customers): a credit decision and the open order
     * value it counts are one customer at a time, across batches and replicas.
     */
    private static final String CREDITS = "select customer_id, credit_limit, open_balance, credit_status, "
            + "reservation_policy from erp_customer where customer_id = any($1::varchar[]) order by customer_id "
            + "for update";
    /**
     * The states whose orders no longer count against the customer's credit, as SQL. The partial index
     * customer_order_open_value (V8) has exactly this predicate, so the sum below reads only open orders; the
     * planner uses it only while the two agree (OrderRowsTest).
     */
    static final String NOT_COUNTED = "state not in (" + java.util.Arrays.stream(OrderState.values())
            .filter(s -> !counts(s)).map(s -> "'" + s.name() + "'").collect(java.util.stream.Collectors.joining(", "))
            + ")";
    /**
     * Per customer: the value of all its open orders, which count against its credit limit. One sum per customer,
     * not one per order checked: a batch checks many orders of few customers, and per order the sum re-read all of
     * its customer's open orders each time (in the order benchmark a few hundred orders, each with the dead index
     * entries of its earlier versions: about 0.5 s per batch). The caller takes each order's own value out.
     */
    private static final String OPEN_VALUES = "select customer_id, coalesce(sum(total), 0) as open from customer_order "
            + "where customer_id = any($1::varchar[]) and " + NOT_COUNTED + " group by customer_id";
    private static final String UPDATE = "update customer_order o set lines = t.lines, total = t.total::numeric, "
            + "state = t.state, sequence = t.seq, erp_order_number = t.erp, commit_pending = t.cp, "
            + "invoice_posted = t.ip, compensation_target = t.ct, attempts = t.att, deadline_kind = t.dk, "
            + "deadline_at = t.da::timestamptz, stuck_reason = t.sr, stuck_since = t.ss::timestamptz, "
            + "shipments = t.sh, invoice = t.inv, returns = t.rt, credits = t.cr, updated_at = t.ua::timestamptz, "
            + "hold_expires_at = t.he::timestamptz "
            + "from unnest($1::varchar[], $2::text[], $3::text[], $4::varchar[], $5::int8[], $6::varchar[], "
            + "$7::bool[], $8::bool[], $9::varchar[], $10::int4[], $11::varchar[], $12::text[], $13::varchar[], "
            + "$14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[]) "
            + "as t(id, lines, total, state, seq, erp, cp, ip, ct, att, dk, da, sr, ss, sh, inv, ua, rt, cr, he) "
            + "where o.id = t.id";
    private static final String INSERT = "insert into customer_order (id, customer_id, channel, customer_po_number, "
            + "requested_date, currency, quote_id, ship_to, partner_ref, lines, idempotency_key, request_hash, "
            + "partner_key, state, sequence, attempts, deadline_kind, deadline_at, correlation_id, accepted_at, "
            + "updated_at) select t.id, t.cu, t.ch, t.po, t.rd::date, t.cur, t.q, t.st, t.pr, t.l, t.ik, t.rh, t.pk, "
            + "t.s, t.seq, t.att, t.dk, t.da::timestamptz, t.co, t.aa::timestamptz, t.ua::timestamptz "
            + "from unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::text[], $6::varchar[], "
            + "$7::varchar[], $8::text[], $9::text[], $10::text[], $11::varchar[], $12::varchar[], $13::varchar[], "
            + "$14::varchar[], $15::int8[], $16::int4[], $17::varchar[], $18::text[], $19::varchar[], $20::text[], "
            + "$21::text[]) as t(id, cu, ch, po, rd, cur, q, st, pr, l, ik, rh, pk, s, seq, att, dk, da, co, aa, ua)";
    private static final String BY_KEYS = "select id, idempotency_key, request_hash, state from customer_order "
            + "where idempotency_key = any($1::varchar[])";
    // Rows get their id in array order, which is the order of the transitions.
    private static final String TIMELINE = "insert into order_transition (order_id, sequence, from_state, to_state, "
            + "cause, occurred_at) select t.o, t.s, t.f, t.t, t.c, t.a::timestamptz from unnest($1::varchar[], "
            + "$2::int8[], $3::varchar[], $4::varchar[], $5::text[], $6::text[]) as t(o, s, f, t, c, a)";

    /** One timeline row: a transition (from → to) or a note (from = to). */
    public record Entry(String orderId, long sequence, String from, String to, String cause, OffsetDateTime at) {
    }

    /** Locks the orders (those that exist) for the caller's transaction; by id. */
    public Uni<Map<String, CustomerOrder>> lock(SqlConnection conn, Collection<String> ids) {
        return conn.preparedQuery(LOCK).execute(Tuple.of((Object) ids.toArray(new String[0]))).map(rows -> {
            Map<String, CustomerOrder> byId = new HashMap<>();
            rows.forEach(row -> byId.put(row.getString("id"), order(row)));
            return byId;
        });
    }

    /** An order as committed, without a lock; null when unknown. */
    public Uni<CustomerOrder> read(SqlClient client, String id) {
        return client.preparedQuery(READ).execute(Tuple.of(id)).map(rows -> {
            var it = rows.iterator();
            return it.hasNext() ? order(it.next()) : null;
        });
    }

    /** How the customer wants stock held (ALL_OR_NOTHING, PARTIAL); null when unknown or unset. */
    public Uni<String> reservationPolicy(SqlClient client, String customerId) {
        return client.preparedQuery("select reservation_policy from erp_customer where customer_id = $1")
                .execute(Tuple.of(customerId)).map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? it.next().getString(0) : null;
                });
    }

    public Uni<Map<String, CustomerCredit>> credits(SqlConnection conn, Collection<String> customerIds) {
        return conn.preparedQuery(CREDITS).execute(Tuple.of((Object) customerIds.toArray(new String[0]))).map(rows -> {
            Map<String, CustomerCredit> byId = new HashMap<>();
            for (Row row : rows) {
                CustomerCredit c = new CustomerCredit();
                c.customerId = row.getString("customer_id");
                c.creditLimit = row.getBigDecimal("credit_limit");
                c.openBalance = row.getBigDecimal("open_balance");
                c.creditStatus = row.getString("credit_status");
                c.reservationPolicy = row.getString("reservation_policy");
                byId.put(c.customerId, c);
            }
            return byId;
        });
    }

    /** Whether an order in this state counts against its customer's credit (invoiced ones are in the ERP balance). */
    private static boolean counts(OrderState state) {
        return !state.terminal() && state != OrderState.INVOICED;
    }

    /** What an order counts against its customer's credit, as openOrderValues counts it. */
    public static BigDecimal countedTotal(CustomerOrder order) {
        return order.total == null || !counts(OrderState.valueOf(order.state)) ? BigDecimal.ZERO : order.total;
    }

    /** By customer id: the committed value of its open orders (customers without any are absent). */
    public Uni<Map<String, BigDecimal>> openOrderValues(SqlConnection conn, Collection<String> customerIds) {
        return conn.preparedQuery(OPEN_VALUES).execute(Tuple.of((Object) customerIds.toArray(new String[0])))
                .map(rows -> {
                    Map<String, BigDecimal> byCustomer = new HashMap<>();
                    rows.forEach(row -> byCustomer.put(row.getString("customer_id"), row.getBigDecimal("open")));
                    return byCustomer;
                });
    }

    /** What an earlier request with the same Idempotency-Key placed. */
    public record Keyed(String id, String requestHash, String state) {
    }

    public Uni<Map<String, Keyed>> byIdempotencyKeys(SqlConnection conn, Collection<String> keys) {
        return conn.preparedQuery(BY_KEYS).execute(Tuple.of((Object) keys.toArray(new String[0]))).map(rows -> {
            Map<String, Keyed> byKey = new HashMap<>();
            rows.forEach(row -> byKey.put(row.getString("idempotency_key"), new Keyed(row.getString("id"),
                    row.getString("request_hash"), row.getString("state"))));
            return byKey;
        });
    }

    /** New orders, as the intake builds them (the saga's later fields start empty). */
    public Uni<Void> insert(SqlConnection conn, List<CustomerOrder> orders) {
        int n = orders.size();
        if (n == 0) {
            return Uni.createFrom().voidItem();
        }
        String[] id = new String[n], cu = new String[n], ch = new String[n], po = new String[n], rd = new String[n],
                cur = new String[n], q = new String[n], st = new String[n], pr = new String[n], l = new String[n],
                ik = new String[n], rh = new String[n], pk = new String[n], state = new String[n], dk = new String[n],
                da = new String[n], co = new String[n], aa = new String[n], ua = new String[n];
        Long[] seq = new Long[n];
        Integer[] att = new Integer[n];
        for (int i = 0; i < n; i++) {
            CustomerOrder o = orders.get(i);
            id[i] = o.id;
            cu[i] = o.customerId;
            ch[i] = o.channel;
            po[i] = o.customerPoNumber;
            rd[i] = o.requestedDate == null ? null : o.requestedDate.toString();
            cur[i] = o.currency;
            q[i] = o.quoteId;
            st[i] = o.shipTo;
            pr[i] = o.partnerRef;
            l[i] = o.lines;
            ik[i] = o.idempotencyKey;
            rh[i] = o.requestHash;
            pk[i] = o.partnerKey;
            state[i] = o.state;
            seq[i] = o.sequence;
            att[i] = o.attempts;
            dk[i] = o.deadlineKind;
            da[i] = text(o.deadlineAt);
            co[i] = o.correlationId;
            aa[i] = text(o.acceptedAt);
            ua[i] = text(o.updatedAt);
        }
        return conn.preparedQuery(INSERT).execute(Tuple.from(java.util.Arrays.<Object>asList(id, cu, ch, po, rd, cur,
                q, st, pr, l, ik, rh, pk, state, seq, att, dk, da, co, aa, ua))).replaceWithVoid();
    }

    /** Writes back what the saga changes on each order (everything but the intake's own fields). */
    public Uni<Void> update(SqlConnection conn, List<CustomerOrder> orders) {
        int n = orders.size();
        if (n == 0) {
            return Uni.createFrom().voidItem();
        }
        String[] id = new String[n], lines = new String[n], total = new String[n], state = new String[n],
                erp = new String[n], ct = new String[n], dk = new String[n], da = new String[n], sr = new String[n],
                ss = new String[n], sh = new String[n], inv = new String[n], ua = new String[n], rt = new String[n],
                cr = new String[n], he = new String[n];
        Long[] seq = new Long[n];
        Boolean[] cp = new Boolean[n], ip = new Boolean[n];
        Integer[] att = new Integer[n];
        for (int i = 0; i < n; i++) {
            CustomerOrder o = orders.get(i);
            id[i] = o.id;
            lines[i] = o.lines;
            total[i] = o.total == null ? null : o.total.toPlainString();
            state[i] = o.state;
            seq[i] = o.sequence;
            erp[i] = o.erpOrderNumber;
            cp[i] = o.commitPending;
            ip[i] = o.invoicePosted;
            ct[i] = o.compensationTarget;
            att[i] = o.attempts;
            dk[i] = o.deadlineKind;
            da[i] = text(o.deadlineAt);
            sr[i] = o.stuckReason;
            ss[i] = text(o.stuckSince);
            sh[i] = o.shipments;
            inv[i] = o.invoice;
            ua[i] = text(o.updatedAt);
            rt[i] = o.returns;
            cr[i] = o.credits;
            he[i] = text(o.holdExpiresAt);
        }
        return conn.preparedQuery(UPDATE).execute(Tuple.from(java.util.Arrays.<Object>asList(id, lines, total, state, seq,
                erp, cp, ip, ct, att, dk, da, sr, ss, sh, inv, ua, rt, cr, he))).replaceWithVoid();
    }

    public Uni<Void> timeline(SqlConnection conn, List<Entry> entries) {
        int n = entries.size();
        if (n == 0) {
            return Uni.createFrom().voidItem();
        }
        String[] order = new String[n], from = new String[n], to = new String[n], cause = new String[n],
                at = new String[n];
        Long[] seq = new Long[n];
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            order[i] = e.orderId();
            seq[i] = e.sequence();
            from[i] = e.from();
            to[i] = e.to();
            cause[i] = e.cause();
            at[i] = text(e.at());
        }
        return conn.preparedQuery(TIMELINE).execute(Tuple.from(java.util.Arrays.<Object>asList(order, seq, from, to, cause, at)))
                .replaceWithVoid();
    }

    private static String text(OffsetDateTime at) {
        return at == null ? null : at.toString();
    }

    static CustomerOrder order(Row row) {
        CustomerOrder o = new CustomerOrder();
        o.id = row.getString("id");
        o.customerId = row.getString("customer_id");
        o.channel = row.getString("channel");
        o.customerPoNumber = row.getString("customer_po_number");
        o.requestedDate = row.getLocalDate("requested_date");
        o.currency = row.getString("currency");
        o.quoteId = row.getString("quote_id");
        o.shipTo = row.getString("ship_to");
        o.partnerRef = row.getString("partner_ref");
        o.lines = row.getString("lines");
        o.total = row.getBigDecimal("total");
        o.state = row.getString("state");
        o.sequence = row.getLong("sequence");
        o.erpOrderNumber = row.getString("erp_order_number");
        o.commitPending = row.getBoolean("commit_pending");
        o.invoicePosted = row.getBoolean("invoice_posted");
        o.compensationTarget = row.getString("compensation_target");
        o.attempts = row.getInteger("attempts");
        o.deadlineKind = row.getString("deadline_kind");
        o.deadlineAt = row.getOffsetDateTime("deadline_at");
        o.stuckReason = row.getString("stuck_reason");
        o.stuckSince = row.getOffsetDateTime("stuck_since");
        o.shipments = row.getString("shipments");
        o.invoice = row.getString("invoice");
        o.returns = row.getString("returns");
        o.credits = row.getString("credits");
        o.correlationId = row.getString("correlation_id");
        o.acceptedAt = row.getOffsetDateTime("accepted_at");
        o.updatedAt = row.getOffsetDateTime("updated_at");
        o.holdExpiresAt = row.getOffsetDateTime("hold_expires_at");
        return o;
    }
}
