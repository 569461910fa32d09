package io.tradeflow.pricing.repository;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.tradeflow.platform.transaction.GroupCommit;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Kept quotes, written by group commit. A quote waits in a queue and is written with the quotes that
 * arrived alongside it by one multi-row INSERT (one round trip, one commit, one WAL flush for the batch);
 * its caller hears back only when that batch has committed, so a quote a caller got can always be read
 * back and referred to by an order.
 * <p>
 * Batches are formed by {@link GroupCommit}: an idle service writes a lone quote at once, and under load the
 * quotes arriving during one batch's round trip form the next batch, so batches grow with the load instead of
 * adding a fixed wait.
 */
@ApplicationScoped
public class QuoteArchive {
    private static final String INSERT = "insert into quote (id, customer_id, channel, currency, created_at, "
            + "valid_until, body) select * from unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::bpchar[], "
            + "$5::timestamptz[], $6::timestamptz[], $7::text[])";

    @Inject
    Pool pool;

    @ConfigProperty(name = "tradeflow.pricing.quote-archive.batch-size", defaultValue = "128")
    int batchSize;
    @ConfigProperty(name = "tradeflow.pricing.quote-archive.max-in-flight", defaultValue = "2")
    int maxInFlight;
    /** Beyond this many waiting quotes the database is not keeping up: refuse (503) rather than queue forever. */
    @ConfigProperty(name = "tradeflow.pricing.quote-archive.max-waiting", defaultValue = "20000")
    int maxWaiting;

    private GroupCommit<KeptQuote, Void> batches;

    @PostConstruct
    void init() {
        batches = GroupCommit.wholeGroups("quotes", pool, batchSize, maxInFlight, maxWaiting, this::insert);
    }

    /** One quote as kept: the indexed columns and the body exactly as it was returned. */
    public record KeptQuote(String id, String customerId, String channel, String currency, OffsetDateTime createdAt,
                            OffsetDateTime validUntil, String body) {
    }

    /** Completes once the quote is committed (503 problem when too many are waiting). */
    public Uni<Void> keep(KeptQuote quote) {
        return batches.submit(quote);
    }

    /** The quote body as returned when it was made, or null. */
    public Uni<String> body(String id) {
        return pool.preparedQuery("select body from quote where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("body"));
    }

    private Uni<Void> insert(SqlConnection conn, List<KeptQuote> batch) {
        int n = batch.size();
        String[] ids = new String[n];
        String[] customers = new String[n];
        String[] channels = new String[n];
        String[] currencies = new String[n];
        OffsetDateTime[] created = new OffsetDateTime[n];
        OffsetDateTime[] validUntil = new OffsetDateTime[n];
        String[] bodies = new String[n];
        for (int i = 0; i < n; i++) {
            KeptQuote q = batch.get(i);
            ids[i] = q.id();
            customers[i] = q.customerId();
            channels[i] = q.channel();
            currencies[i] = q.currency();
            created[i] = q.createdAt();
            validUntil[i] = q.validUntil();
            bodies[i] = q.body();
        }
        return conn.preparedQuery(INSERT)
                .execute(Tuple.tuple().addArrayOfString(ids).addArrayOfString(customers).addArrayOfString(channels)
                        .addArrayOfString(currencies).addArrayOfOffsetDateTime(created)
                        .addArrayOfOffsetDateTime(validUntil).addArrayOfString(bodies))
                .replaceWithVoid();
    }
}
