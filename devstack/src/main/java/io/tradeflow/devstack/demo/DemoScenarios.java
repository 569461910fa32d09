package io.tradeflow.devstack.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The demo's steps, in the order they run: built-ins first, then any found through ServiceLoader. */
public final class DemoScenarios {

    public static List<DemoScenario> all() {
        List<DemoScenario> scenarios = new ArrayList<>(List.of(
                new HealthyServicesScenario(),
                new StockMovementScenario(),
                new LastUnitsRaceScenario(),
                new OrderToCashScenario(),
                new LeadToOrderScenario(),
                new ReturnToCreditScenario(),
                new EdiPartnerScenario(),
                new MarketplaceOrderScenario()));
        ServiceLoader.load(DemoScenario.class).forEach(scenarios::add);
        return scenarios;
    }

    private DemoScenarios() {
    }
}
