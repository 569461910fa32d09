package io.tradeflow.platform.telemetry;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * Keeps the outbox relay's and schedulers' polling queries out of the traces: a database call that
 * belongs to no request or event (a root client span) is dropped; everything else follows its parent.
 * Without this, a poll every 200 ms would bury the business traces in Jaeger.
 */
@ApplicationScoped
public class BackgroundQuerySampler {
    private static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");

    @Produces
    @Singleton
    Sampler sampler() {
        Sampler parentBased = Sampler.parentBased(Sampler.alwaysOn());
        return new Sampler() {
            @Override
            public SamplingResult shouldSample(Context parent, String traceId, String name, SpanKind kind,
                                               Attributes attributes, List<LinkData> links) {
                boolean root = !Span.fromContext(parent).getSpanContext().isValid();
                if (root && kind == SpanKind.CLIENT && attributes.get(DB_SYSTEM) != null) {
                    return SamplingResult.drop();
                }
                return parentBased.shouldSample(parent, traceId, name, kind, attributes, links);
            }

            @Override
            public String getDescription() {
                return "DropRootDatabaseCalls/" + parentBased.getDescription();
            }
        };
    }
}
