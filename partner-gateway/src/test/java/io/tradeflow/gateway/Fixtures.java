package io.tradeflow.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** X12 fixtures from src/test/resources/x12, with the sender, control numbers and PO number filled in. */
public final class Fixtures {

    public static String x12(String name, String sender, long isa13, String po) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/x12/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return text.replace("{SENDER}", String.format("%-15s", sender))
                    .replace("{SENDER_TRIM}", sender)
                    .replace("{ISA13}", String.format("%09d", isa13))
                    .replace("{GS06}", String.valueOf(isa13))
                    .replace("{PO}", po);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("fixture " + name + " missing", e);
        }
    }

    private Fixtures() {
    }
}
