package io.tradeflow.contracts.inventory;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Available-to-promise of one SKU after a change, on the compacted {@code inventory.availability}
 * topic (key = SKU): the latest record per key is the current state.
 *
 * @param version         increases with every change of this SKU; consumers ignore older versions
 * @param channels        available per channel, summed over the locations that serve it
 * @param causeId         CloudEvent id of the movement, or the reservation id, that caused the change; {@code
 *                        location-<id>-<uuid>} when a location's channels or safety stock changed
 * @param causeOccurredAt when the cause happened (for freshness: publishedAt - causeOccurredAt)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AvailabilityChanged(String sku, long version, List<ChannelAvailability> channels,
                                  List<LocationAvailability> locations, String causeId,
                                  OffsetDateTime causeOccurredAt, OffsetDateTime publishedAt) {

    public record ChannelAvailability(String channel, BigDecimal available) {
    }

    /** {@code available = max(0, onHand - reserved - safetyStock - unavailable)}. */
    public record LocationAvailability(String location, BigDecimal onHand, BigDecimal reserved,
                                       BigDecimal safetyStock, BigDecimal unavailable, BigDecimal available) {
    }
}
