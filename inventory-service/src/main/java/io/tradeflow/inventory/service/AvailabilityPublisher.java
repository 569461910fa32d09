package io.tradeflow.inventory.service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.events.Topics;
import io.tradeflow.contracts.inventory.AvailabilityChanged;
import io.tradeflow.inventory.repository.Location;
import io.tradeflow.inventory.repository.SkuState;
import io.tradeflow.inventory.repository.StockLevel;
import io.tradeflow.inventory.repository.StockRepository;
import io.tradeflow.platform.outbox.OutboxWriter;

/**
 * Takes before/after pictures of SKUs around a change and, when a channel's available-to-promise moved,
 * writes {@code inventory.availability} to the outbox with the SKU's next version. Runs in the caller's
 * transaction, after the SKUs were locked.
 */
@ApplicationScoped
public class AvailabilityPublisher {
    @Inject
    StockRepository stock;
    @Inject
    OutboxWriter outbox;
    @Inject
    MeterRegistry registry;

    /** Locations by id, in a stable order. */
    public Uni<Map<String, Location>> locations() {
        return stock.locations().map(list -> {
            Map<String, Location> byId = new LinkedHashMap<>();
            list.forEach(l -> byId.put(l.id, l));
            return byId;
        });
    }

    public Map<String, StockPicture> pictures(List<String> skus, List<StockLevel> levels,
                                              Map<String, Location> locations) {
        return StockPicture.ofEach(skus, levels, locations);
    }

    /**
     * Publishes each SKU whose channels changed; the version goes up only when something is published. One outbox
     * write after the other, never a chain nested per SKU: a location change republishes every SKU it holds.
     */
    public Uni<Void> publishChanges(List<SkuState> states, Map<String, StockPicture> before,
                                    Map<String, StockPicture> after, String causeId, OffsetDateTime causeOccurredAt) {
        List<AvailabilityChanged> events = new ArrayList<>();
        for (SkuState state : states) {
            StockPicture now = after.get(state.sku);
            StockPicture was = before.get(state.sku);
            if (now == null || (was != null && !now.channelsDifferFrom(was))) {
                continue;
            }
            state.version++;
            events.add(new AvailabilityChanged(state.sku, state.version, now.channelList(), now.locations(), causeId,
                    causeOccurredAt, OffsetDateTime.now()));
        }
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        registry.counter("tradeflow.inventory.availability.changes").increment(events.size());
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(event -> outbox.append(Topics.INVENTORY_AVAILABILITY,
                        event.sku(), CloudEventTypes.AVAILABILITY_CHANGED, event, causeOccurredAt))
                .collect().last().replaceWithVoid();
    }
}
