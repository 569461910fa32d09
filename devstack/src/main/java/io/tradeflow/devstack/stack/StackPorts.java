package io.tradeflow.devstack.stack;

import java.util.ArrayList;
import java.util.List;

/** The fixed ports of the local stack (docs/DEVELOPMENT.md); services find Kafka and PostgreSQL by them. */
public final class StackPorts {
    public static final String HOST = "127.0.0.1";
    public static final int KAFKA = 9092;
    /** KRaft controller listener of the in-process broker; not used by clients but must be free too. */
    public static final int KAFKA_CONTROLLER = 9093;
    /**
     * Below Linux's ephemeral range (32768-60999): a port inside it can be taken at any moment as the local end of
     * some outgoing connection (a Kafka or JDBC client of a test), which made the stack's start fail at random.
     */
    public static final int POSTGRES = 15432;

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
