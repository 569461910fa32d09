package io.tradeflow.inventory.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.events.Topics;
import io.tradeflow.contracts.inventory.AvailabilityChanged;
import io.tradeflow.contracts.inventory.MovementType;
import io.tradeflow.contracts.inventory.StockMovement;
import io.tradeflow.inventory.repository.Location;
import io.tradeflow.inventory.repository.StockLevel;
import io.tradeflow.inventory.service.PostingOutcome.Status;
import io.tradeflow.platform.outbox.OutboxWriter;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Posts a list of warehouse movements (one Kafka poll, or one REST request) inside the caller's transaction
 * with a fixed handful of set-based statements, whatever the list's length: validate, lock the touched SKUs in
 * sorted order (the same lock reservations take, so neither oversells nor deadlocks), find the ids already in the
 * movement log (a repeat has no second effect), apply the movements in list order per SKU in memory
 * (MovementRules), then write the levels, the movement log, count variances and one availability event per SKU
 * whose available-to-promise moved, carrying the SKU's last state and its next version.
 */
@ApplicationScoped
public class StockLedger {
    private static final String LOCATIONS = "select id, name, channels, safety_stock from location order by id";
    private static final String CREATE_SKUS = "insert into sku_state (sku, version) "
            + "select unnest($1::varchar[]), 0 on conflict do nothing";
    private static final String LOCK_SKUS = "select sku, version from sku_state where sku = any($1::varchar[]) "
            + "order by sku for update";
    private static final String LEVELS = "select sku, location_id, on_hand, reserved, unavailable, version "
            + "from stock_level where sku = any($1::varchar[])";
    // The movement log is keyed by the movement's id (its CloudEvent id) and every applied movement enters it in the
    // transaction that applies it, so it is itself the record of what was processed: a repeat is found there, and a
    // separate inbox row per movement would only double the writes. Read after the SKU lock: a concurrent delivery
    // of the same movement locks the same SKU, so by then it has committed (and is seen) or has not started.
    private static final String ALREADY_LOGGED = "select id from movement where id = any($1::varchar[])";
    // reserved is not written: only reservations change it, under the same SKU lock. Levels read under that lock are
    // updated in place; only a location's first stock of a SKU is inserted (still as an upsert, so a level written by
    // a path that does not take the SKU lock cannot make the poll fail).
    private static final String UPDATE_LEVELS = "update stock_level l set on_hand = t.q::numeric, "
            + "unavailable = t.u::numeric, version = t.v, updated_at = now() "
            + "from unnest($1::varchar[], $2::varchar[], $3::text[], $4::text[], $5::int8[]) as t(s, lo, q, u, v) "
            + "where l.sku = t.s and l.location_id = t.lo";
    private static final String INSERT_LEVELS = "insert into stock_level (sku, location_id, on_hand, unavailable, "
            + "version, updated_at) select t.s, t.l, t.q::numeric, t.u::numeric, t.v, now() "
            + "from unnest($1::varchar[], $2::varchar[], $3::text[], $4::text[], $5::int8[]) as t(s, l, q, u, v) "
            + "on conflict (sku, location_id) do update set on_hand = excluded.on_hand, "
            + "unavailable = excluded.unavailable, version = excluded.version, updated_at = excluded.updated_at";
    // Rows get their seq in array order, which is the order the movements were applied: rebuilds replay it.
    private static final String LOG_MOVEMENTS = "insert into movement (id, sku, location_id, type, quantity, "
            + "to_location_id, expected_quantity, reason, occurred_at) select t.id, t.s, t.l, t.ty, t.q::numeric, "
            + "t.tl, t.e::numeric, t.r, t.o from unnest($1::varchar[], $2::varchar[], $3::varchar[], "
            + "$4::varchar[], $5::text[], $6::varchar[], $7::text[], $8::varchar[], $9::timestamptz[]) "
            + "as t(id, s, l, ty, q, tl, e, r, o)";
    private static final String RECORD_VARIANCES = "insert into count_variance (movement_id, sku, location_id, "
            + "expected, recorded, counted) select t.m, t.s, t.l, t.e::numeric, t.r::numeric, t.c::numeric "
            + "from unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::text[], $5::text[], $6::text[]) "
            + "as t(m, s, l, e, r, c)";
    private static final String BUMP_VERSIONS = "update sku_state s set version = t.v "
            + "from unnest($1::varchar[], $2::int8[]) as t(sku, v) where s.sku = t.sku";

    @Inject
    OutboxWriter outbox;

    /**
     * @param allOrNothing true for REST: the first refused movement fails the whole list before anything is
     *                     written (the caller's transaction rolls back); false for Kafka: refused movements are
     *                     reported in the outcome and the others are applied
     */
    public Uni<PostingOutcome> post(SqlConnection conn, List<MovementEntry> entries, boolean allOrNothing) {
        int n = entries.size();
        Status[] statuses = new Status[n];
        InvalidMovementException[] refusals = new InvalidMovementException[n];
        TreeSet<String> sorted = new TreeSet<>();
        // The first occurrence of an id in the list is the one that may apply; later ones are repeats.
        Map<String, Integer> firstById = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            refusals[i] = staticRefusal(entries.get(i));
            if (refusals[i] != null) {
                if (allOrNothing) {
                    return Uni.createFrom().failure(refusals[i]);
                }
                statuses[i] = Status.REFUSED;
            } else if (firstById.putIfAbsent(entries.get(i).id(), i) != null) {
                statuses[i] = Status.REPEAT;
            } else {
                sorted.add(entries.get(i).movement().sku());
            }
        }
        if (firstById.isEmpty()) {
            return Uni.createFrom().item(outcome(statuses, refusals, 0));
        }
        String[] skus = sorted.toArray(new String[0]);
        // Issued together so the connection pipelines them, one round trip: create and lock the SKUs (sorted, as
        // reservations do), then under that lock read the locations, their levels and which ids were applied before.
        // Locations are read after the lock, never before: a location change (LocationCatalog) holds every SKU's lock
        // while it republishes, so a movement waiting behind it must see the channels it committed.
        Uni<Void> created = conn.preparedQuery(CREATE_SKUS).execute(Tuple.of((Object) skus)).replaceWithVoid();
        Uni<Map<String, Long>> locked = conn.preparedQuery(LOCK_SKUS).execute(Tuple.of((Object) skus)).map(rows -> {
            Map<String, Long> byKey = new LinkedHashMap<>();
            rows.forEach(row -> byKey.put(row.getString("sku"), row.getLong("version")));
            return byKey;
        });
        Uni<Map<String, Location>> locations = locations(conn);
        Uni<List<Row>> levels = conn.preparedQuery(LEVELS).execute(Tuple.of((Object) skus)).map(rows -> {
            List<Row> list = new ArrayList<>();
            rows.forEach(list::add);
            return list;
        });
        Uni<Set<String>> logged = conn.preparedQuery(ALREADY_LOGGED)
                .execute(Tuple.of((Object) firstById.keySet().toArray(new String[0]))).map(rows -> {
                    Set<String> ids = new HashSet<>();
                    rows.forEach(row -> ids.add(row.getString(0)));
                    return ids;
                });
        return Uni.combine().all().unis(created, locked, locations, levels, logged).asTuple().chain(read -> {
            Map<String, Location> known = read.getItem3();
            Set<String> applied = read.getItem5();
            List<Integer> toApply = new ArrayList<>();
            for (int i : firstById.values()) {
                String id = entries.get(i).id();
                if (applied.contains(id)) {
                    statuses[i] = Status.REPEAT;
                    continue;
                }
                refusals[i] = locationRefusal(entries.get(i).movement(), known);
                if (refusals[i] != null) {
                    if (allOrNothing) {
                        return Uni.createFrom().failure(refusals[i]);
                    }
                    statuses[i] = Status.REFUSED; // not logged, so a redelivery is judged again
                } else {
                    statuses[i] = Status.APPLIED;
                    toApply.add(i);
                }
            }
            toApply.sort(null); // list order is the order of application
            PostingWrites changes = toApply.isEmpty() ? null
                    : change(entries, toApply, sorted, read.getItem2(), read.getItem4(), known);
            return write(conn, changes)
                    .map(v -> outcome(statuses, refusals, changes == null ? 0 : changes.events.size()));
        });
    }

    /** The in-memory part: every movement in order, then one event per SKU whose channels moved. */
    private PostingWrites change(List<MovementEntry> entries, List<Integer> toApply, TreeSet<String> skus,
                           Map<String, Long> versions, Iterable<Row> levelRows, Map<String, Location> locations) {
        List<StockLevel> levels = new ArrayList<>();
        for (Row row : levelRows) {
            StockLevel level = new StockLevel();
            level.sku = row.getString("sku");
            level.locationId = row.getString("location_id");
            level.onHand = row.getBigDecimal("on_hand");
            level.reserved = row.getBigDecimal("reserved");
            level.unavailable = row.getBigDecimal("unavailable");
            level.version = row.getLong("version");
            levels.add(level);
        }
        Map<String, StockPicture> before = pictures(skus, levels, locations);
        Map<String, StockLevel> byKey = new HashMap<>();
        levels.forEach(l -> byKey.put(l.sku + '\u0000' + l.locationId, l));
        PostingWrites changes = new PostingWrites();
        Map<String, MovementEntry> lastBySku = new HashMap<>();
        for (int i : toApply) {
            MovementEntry entry = entries.get(i);
            StockMovement m = entry.movement();
            StockLevel from = levelAt(byKey, levels, changes, m.sku(), m.location());
            StockLevel to = m.type() == MovementType.TRANSFER
                    ? levelAt(byKey, levels, changes, m.sku(), m.toLocation()) : null;
            BigDecimal recorded = MovementRules.apply(m, from, to);
            changes.log(entry, occurredAt(m));
            if (MovementRules.isVariance(m, recorded)) {
                changes.variance(entry.id(), m, recorded);
            }
            lastBySku.put(m.sku(), entry);
        }
        Map<String, StockPicture> after = pictures(skus, levels, locations);
        OffsetDateTime now = OffsetDateTime.now();
        for (String sku : skus) {
            StockPicture was = before.get(sku);
            StockPicture is = after.get(sku);
            if (!is.channelsDifferFrom(was)) {
                continue;
            }
            long version = versions.getOrDefault(sku, 0L) + 1;
            MovementEntry cause = lastBySku.get(sku);
            OffsetDateTime causeAt = occurredAt(cause.movement());
            changes.event(sku, version, new AvailabilityChanged(sku, version, is.channelList(), is.locations(),
                    cause.id(), causeAt, now), cause, causeAt);
        }
        return changes.finish();
    }

    private Uni<Void> write(SqlConnection conn, PostingWrites c) {
        if (c == null) {
            return Uni.createFrom().voidItem();
        }
        // Issued together: the connection pipelines them, so the writes cost about one round trip.
        List<Uni<Void>> writes = new ArrayList<>();
        if (!c.existing.isEmpty()) {
            writes.add(conn.preparedQuery(UPDATE_LEVELS).execute(Tuple.from(c.existing.arrays())).replaceWithVoid());
        }
        if (!c.fresh.isEmpty()) {
            writes.add(conn.preparedQuery(INSERT_LEVELS).execute(Tuple.from(c.fresh.arrays())).replaceWithVoid());
        }
        writes.add(conn.preparedQuery(LOG_MOVEMENTS).execute(Tuple.from(c.log.arrays())).replaceWithVoid());
        if (!c.variances.get(0).isEmpty()) {
            writes.add(conn.preparedQuery(RECORD_VARIANCES).execute(Tuple.from(Arrays.asList(c.variances.stream()
                    .map(column -> column.toArray(new String[0])).toArray()))).replaceWithVoid());
        }
        if (!c.events.isEmpty()) {
            writes.add(conn.preparedQuery(BUMP_VERSIONS).execute(Tuple.of(c.eventSkus.toArray(new String[0]),
                    c.eventVersions.toArray(new Long[0]))).replaceWithVoid());
            writes.add(outbox.appendAll(conn, Topics.INVENTORY_AVAILABILITY, CloudEventTypes.AVAILABILITY_CHANGED,
                    c.events));
        }
        return Uni.join().all(writes).andCollectFailures().replaceWithVoid();
    }

    private static InvalidMovementException staticRefusal(MovementEntry entry) {
        if (entry.id() == null || entry.id().isBlank() || entry.id().length() > 200) {
            return new InvalidMovementException("id", "movement id is required (at most 200 characters)");
        }
        StockMovement m = entry.movement();
        if (m == null) {
            return new InvalidMovementException("body", "movement is required");
        }
        String invalid = MovementRules.invalidReason(m);
        return invalid == null ? null : new InvalidMovementException(invalid.split(" ")[0], invalid);
    }

    private static InvalidMovementException locationRefusal(StockMovement m, Map<String, Location> locations) {
        if (!locations.containsKey(m.location())) {
            return new InvalidMovementException("location", "location " + m.location() + " is not a known location");
        }
        if (m.type() == MovementType.TRANSFER && !locations.containsKey(m.toLocation())) {
            return new InvalidMovementException("toLocation",
                    "toLocation " + m.toLocation() + " is not a known location");
        }
        return null;
    }

    private static Uni<Map<String, Location>> locations(SqlConnection conn) {
        return conn.query(LOCATIONS).execute().map(rows -> {
            Map<String, Location> byId = new LinkedHashMap<>();
            for (Row row : rows) {
                Location location = new Location();
                location.id = row.getString("id");
                location.name = row.getString("name");
                location.channels = row.getString("channels");
                location.safetyStock = row.getBigDecimal("safety_stock");
                byId.put(location.id, location);
            }
            return byId;
        });
    }

    private static Map<String, StockPicture> pictures(Set<String> skus, List<StockLevel> levels,
                                                      Map<String, Location> locations) {
        return StockPicture.ofEach(skus, levels, locations);
    }

    private static StockLevel levelAt(Map<String, StockLevel> byKey, List<StockLevel> levels,
                                      PostingWrites changes, String sku, String locationId) {
        String key = sku + '\u0000' + locationId;
        StockLevel level = byKey.get(key);
        if (level == null) {
            changes.created.add(key);
            level = new StockLevel();
            level.sku = sku;
            level.locationId = locationId;
            byKey.put(key, level);
            levels.add(level);
        } else {
            level.version++;
        }
        changes.touched.put(key, level);
        return level;
    }

    private static OffsetDateTime occurredAt(StockMovement m) {
        return m.occurredAt() == null ? OffsetDateTime.now() : m.occurredAt();
    }


    private static PostingOutcome outcome(Status[] statuses, InvalidMovementException[] refusals, int published) {
        return new PostingOutcome(Arrays.asList(statuses), Arrays.asList(refusals), published);
    }
}
