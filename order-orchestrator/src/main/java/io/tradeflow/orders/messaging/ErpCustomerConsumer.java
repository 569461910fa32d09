package io.tradeflow.orders.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.tradeflow.platform.messaging.TransientFailures;
import io.tradeflow.contracts.customers.ErpCustomer;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.orders.service.CustomerLedger;

/** The ERP customer master on {@code erp.customers}: credit status, limit, reservation policy. */
@ApplicationScoped
public class ErpCustomerConsumer {
    @Inject
    CustomerLedger ledger;

    @Incoming("erp-customers")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return Uni.createFrom().deferred(() -> {
            CloudEvent event = Envelopes.open(record);
            ErpCustomer customer = Envelopes.payload(event, ErpCustomer.class);
            return TransientFailures.retriedWhileTransient("Recording ERP customer event " + event.id(),
                    () -> ledger.apply(event.id(), customer));
        });
    }
}
