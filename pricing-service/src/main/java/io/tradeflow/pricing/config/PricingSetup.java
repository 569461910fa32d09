package io.tradeflow.pricing.config;

import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.tradeflow.pricing.engine.PriceBook;
import io.tradeflow.pricing.engine.PricingEngine;

/** The replica's one in-memory price book and the engine configured with the business time zone. */
@ApplicationScoped
public class PricingSetup {

    /** The zone ERP validity dates are calendar days in (TRADEFLOW_PRICING_ZONE, default UTC). */
    @ConfigProperty(name = "tradeflow.pricing.business-zone", defaultValue = "UTC")
    ZoneId businessZone;

    @Produces
    @Singleton
    PriceBook priceBook() {
        return new PriceBook();
    }

    @Produces
    @Singleton
    PricingEngine engine() {
        return new PricingEngine(businessZone);
    }
}
