package io.tradeflow.inventory.service;

import java.util.List;

/**
 * What posting a list of movements did, per entry in the order given: applied, a repeat of an id already
 * applied, or refused with the field and reason (a refused entry has no effect and is not marked processed,
 * so a redelivery is judged again).
 */
public record PostingOutcome(List<Status> statuses, List<InvalidMovementException> refusals, int published) {

    public enum Status { APPLIED, REPEAT, REFUSED }

    public boolean applied(int index) {
        return statuses.get(index) == Status.APPLIED;
    }

    /** The refusal of entry {@code index}, or null. */
    public InvalidMovementException refusal(int index) {
        return refusals.get(index);
    }

    public boolean anyRefused() {
        return statuses.contains(Status.REFUSED);
    }
}
