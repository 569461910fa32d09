package io.tradeflow.devstack.stack;

import java.util.ArrayList;
import java.util.List;

/** The fixed ports of the local stack (docs/DEVELOPMENT.md); services find Kafka and PostgreSQL by them. */
public final class StackPorts {
    public static final String HOST = "127.0.0.1";
    public static final int KAFKA = 9092;
    /** KRaft controller listener of the in-process broker; not used by clients but must be free too. */
    public static final int KAFKA_CONTROLLER = 9093;
    public static final int POSTGRES = 55432;

    public static String kafkaBootstrap() {
        return HOST + ":" + KAFKA;
    }

    /** Every port the stack binds, for the free-port check before a start. */
    public static List<Integer> all() {
        List<Integer> ports = new ArrayList<>(List.of(KAFKA, KAFKA_CONTROLLER, POSTGRES));
        ServiceSpec.ALL.forEach(s -> ports.add(s.port()));
        return ports;
    }

    private StackPorts() {
    }
}
