package io.tradeflow.devstack.demo;

import java.util.ArrayList;
import java.util.List;

import io.tradeflow.devstack.stack.HealthProbe;
import io.tradeflow.devstack.stack.ServiceSpec;

/** Every running service answers its readiness (database and Kafka checked) and liveness endpoints. */
final class HealthyServicesScenario implements DemoScenario {

    @Override
    public String title() {
        return "every service is healthy";
    }

    @Override
    public Outcome run(DemoContext context) {
        if (context.services().isEmpty()) {
            return Outcome.passed("no services selected (TRADEFLOW_SERVICES=none): Kafka and PostgreSQL only");
        }
        List<String> unhealthy = new ArrayList<>();
        for (ServiceSpec service : context.services()) {
            int ready = HealthProbe.ready(service);
            int live = HealthProbe.get(service.baseUrl() + "/q/health/live");
            System.out.printf("  %-20s %s  ready=%d live=%d  openapi=%s/q/openapi%n", service.name(),
                    service.baseUrl(), ready, live, service.baseUrl());
            if (ready != 200 || live != 200) {
                unhealthy.add(service.name());
            }
        }
        return unhealthy.isEmpty()
                ? Outcome.passed(context.services().size() + " services ready and live")
                : Outcome.failed("not healthy: " + unhealthy);
    }
}
