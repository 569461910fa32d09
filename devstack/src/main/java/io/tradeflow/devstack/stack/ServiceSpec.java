package io.tradeflow.devstack.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One Quarkus service of the suite as the local stack runs it: its module, port and database. */
public record ServiceSpec(String name, String module, int port, String database) {

    public static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("pricing-service", "pricing-service", 8081, "pricing"),
            new ServiceSpec("inventory-service", "inventory-service", 8082, "inventory"),
            new ServiceSpec("order-orchestrator", "order-orchestrator", 8083, "orders"),
            new ServiceSpec("partner-gateway", "partner-gateway", 8084, "gateway"));

    public Path runJar(Path repoRoot) {
        return repoRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * The services to run, from {@code TRADEFLOW_SERVICES} (comma-separated names, or {@code none}).
     * Unset means all four; the subset exists so the stack can be exercised while services are missing.
     */
    public static List<ServiceSpec> selected() {
        String value = System.getenv("TRADEFLOW_SERVICES");
        if (value == null || value.isBlank() || value.equals("all")) {
            return ALL;
        }
        if (value.equals("none")) {
            return List.of();
        }
        List<String> names = Arrays.stream(value.split(",")).map(String::trim).toList();
        List<ServiceSpec> result = new ArrayList<>();
        for (String name : names) {
            result.add(ALL.stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("TRADEFLOW_SERVICES names an unknown service: "
                            + name + " (known: " + ALL.stream().map(ServiceSpec::name).toList() + ")")));
        }
        return result;
    }
}
