package io.tradeflow.orders.service.saga;

import java.util.List;

/**
 * The saga's answer to one event: the order's next snapshot, the transitions to record and publish (in
 * order), the ERP commands to send, a timeline note for things that change no state (a late answer
 * reversed, a duplicate ignored), or a refusal the caller reports (cancel after shipment).
 */
public record Decision(SagaSnapshot next, List<Transition> transitions, List<ErpCommand> commands, String note,
                       String refusal) {

    public boolean changed() {
        return !transitions.isEmpty();
    }

    public boolean refused() {
        return refusal != null;
    }
}
