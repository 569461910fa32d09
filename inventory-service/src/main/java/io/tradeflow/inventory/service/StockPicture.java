package io.tradeflow.inventory.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tradeflow.contracts.inventory.AvailabilityChanged.ChannelAvailability;
import io.tradeflow.contracts.inventory.AvailabilityChanged.LocationAvailability;
import io.tradeflow.inventory.repository.Location;
import io.tradeflow.inventory.repository.StockLevel;

/**
 * Available-to-promise of one SKU: per location {@code max(0, onHand - reserved - safety - unavailable)},
 * per channel the sum over the locations that serve it. Pure, so it is the one definition everything
 * (events, queries, reservations) uses.
 */
public record StockPicture(String sku, List<LocationAvailability> locations, Map<String, BigDecimal> channels) {

    public static StockPicture of(String sku, List<StockLevel> levels, Map<String, Location> locationsById) {
        List<LocationAvailability> perLocation = new ArrayList<>();
        Map<String, BigDecimal> perChannel = new TreeMap<>();
        for (Location location : locationsById.values()) {
            for (String channel : channelsOf(location)) {
                perChannel.putIfAbsent(channel, BigDecimal.ZERO);
            }
        }
        for (StockLevel level : levels) {
            if (!level.sku.equals(sku)) {
                continue;
            }
            Location location = locationsById.get(level.locationId);
            BigDecimal safety = location == null ? BigDecimal.ZERO : location.safetyStock;
            BigDecimal available = atp(level.onHand, level.reserved, safety, level.unavailable);
            perLocation.add(new LocationAvailability(level.locationId, plain(level.onHand), plain(level.reserved),
                    plain(safety), plain(level.unavailable), available));
            if (location != null) {
                for (String channel : channelsOf(location)) {
                    perChannel.merge(channel, available, BigDecimal::add);
                }
            }
        }
        return new StockPicture(sku, perLocation, perChannel);
    }

    /**
     * The picture of each SKU from one list of levels, grouped by SKU once: {@link #of} scans the whole list, so
     * calling it per SKU was quadratic in a poll or bulk query that touches hundreds of SKUs.
     */
    public static Map<String, StockPicture> ofEach(Collection<String> skus, List<StockLevel> levels,
                                                   Map<String, Location> locationsById) {
        Map<String, List<StockLevel>> bySku = new HashMap<>();
        for (StockLevel level : levels) {
            bySku.computeIfAbsent(level.sku, sku -> new ArrayList<>()).add(level);
        }
        Map<String, StockPicture> pictures = new LinkedHashMap<>();
        for (String sku : skus) {
            pictures.put(sku, of(sku, bySku.getOrDefault(sku, List.of()), locationsById));
        }
        return pictures;
    }

    public static BigDecimal atp(BigDecimal onHand, BigDecimal reserved, BigDecimal safety, BigDecimal unavailable) {
        BigDecimal value = onHand.subtract(reserved).subtract(safety).subtract(unavailable);
        return value.signum() < 0 ? BigDecimal.ZERO : plain(value);
    }

    /** Quantities are stored with three decimals; answers show 15, not 15.000. */
    public static BigDecimal plain(BigDecimal quantity) {
        BigDecimal stripped = quantity.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    public static List<String> channelsOf(Location location) {
        return List.of(location.channels.split(","));
    }

    public BigDecimal available(String channel) {
        return channels.getOrDefault(channel, BigDecimal.ZERO);
    }

    public BigDecimal onHand(String channel, Map<String, Location> locationsById) {
        return sum(channel, locationsById, LocationAvailability::onHand);
    }

    public BigDecimal reserved(String channel, Map<String, Location> locationsById) {
        return sum(channel, locationsById, LocationAvailability::reserved);
    }

    public List<ChannelAvailability> channelList() {
        return channels.entrySet().stream().map(e -> new ChannelAvailability(e.getKey(), e.getValue())).toList();
    }

    /** True when any channel's available-to-promise differs: only then is a new event worth publishing. */
    public boolean channelsDifferFrom(StockPicture before) {
        if (before.channels.size() != channels.size()) {
            return true;
        }
        return channels.entrySet().stream()
                .anyMatch(e -> before.available(e.getKey()).compareTo(e.getValue()) != 0);
    }

    private BigDecimal sum(String channel, Map<String, Location> locationsById,
                           java.util.function.Function<LocationAvailability, BigDecimal> figure) {
        return locations.stream()
                .filter(l -> locationsById.containsKey(l.location())
                        && channelsOf(locationsById.get(l.location())).contains(channel))
                .map(figure).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
