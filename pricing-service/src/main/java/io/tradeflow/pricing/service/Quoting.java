package io.tradeflow.pricing.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.common.Money;
import io.tradeflow.contracts.json.StorableValues;
import io.tradeflow.contracts.pricing.PriceRule;
import io.tradeflow.contracts.pricing.Quote;
import io.tradeflow.contracts.pricing.QuoteLine;
import io.tradeflow.contracts.pricing.QuoteRequest;
import io.tradeflow.pricing.engine.CustomerContext;
import io.tradeflow.pricing.engine.PriceBook;
import io.tradeflow.pricing.engine.PricingEngine;
import io.tradeflow.pricing.repository.QuoteArchive;
import io.tradeflow.pricing.repository.QuoteArchive.KeptQuote;
import io.tradeflow.platform.problem.ProblemException;

/** Prices baskets from the in-memory price book and keeps each quote so an order can refer to it. */
@ApplicationScoped
public class Quoting {
    public static final String CUSTOMER_UNKNOWN = "customer-unknown";

    @Inject
    PriceBook book;
    @Inject
    PricingEngine engine;
    @Inject
    QuoteMetrics metrics;
    @Inject
    ObjectMapper mapper;
    @Inject
    QuoteArchive archive;

    /** Resolved once: writeValueAsString on the mapper looks the root serializer up again for every quote. */
    private ObjectWriter quoteWriter;

    @PostConstruct
    void writers() {
        quoteWriter = mapper.writerFor(Quote.class);
    }

    /**
     * Prices the basket and keeps it; the answer is the kept body itself, so the caller gets byte for byte what
     * GET /api/v1/quotes/{id} returns later and the quote is turned into JSON once, not twice.
     */
    public Uni<KeptQuote> quote(QuoteRequest request) {
        Quote quote = price(request, Instant.now());
        KeptQuote kept = new KeptQuote(quote.quoteId(), quote.customerId(), quote.channel(), quote.currency(),
                quote.createdAt(), quote.validUntil(), json(quote));
        return archive.keep(kept).replaceWith(kept);
    }

    public Uni<Quote> find(String quoteId) {
        return archive.body(quoteId).map(body -> {
            if (body == null) {
                throw ProblemException.notFound("Quote", quoteId);
            }
            return read(body);
        });
    }

    /** One SKU for a customer and channel, as the first line of a basket. */
    public QuoteLine priceOf(String customerId, String channel, String currency, String sku, BigDecimal quantity,
                             String unitOfMeasure) {
        CustomerContext customer = customer(customerId, channel);
        QuoteLine line = engine.price(book, customer, channel, currency, 1, sku, quantity, unitOfMeasure, Instant.now());
        metrics.line(line, book.knows(sku));
        return line;
    }

    Quote price(QuoteRequest request, Instant at) {
        CustomerContext customer = customer(request.customerId(), request.channel());
        List<QuoteLine> lines = new ArrayList<>(request.lines().size());
        int number = 1;
        for (QuoteRequest.Line requested : request.lines()) {
            QuoteLine line = engine.price(book, customer, request.channel(), request.currency(), number++,
                    requested.sku(), requested.quantity(), requested.unitOfMeasure(), at);
            metrics.line(line, book.knows(requested.sku()));
            lines.add(line);
        }
        metrics.quote(request.channel());
        BigDecimal total = lines.stream().filter(QuoteLine::priced).map(l -> l.extendedPrice().amount())
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(Math.max(0, java.util.Currency.getInstance(request.currency()).getDefaultFractionDigits()));
        if (StorableValues.unstorable(total) != null) {
            // Every line's quantity was storable, not their value: no order or invoice could carry it.
            throw ProblemException.invalidField("lines", "the quote's total " + total.toPlainString() + " "
                    + request.currency() + " is beyond what an order can carry (less than 10^15)");
        }
        OffsetDateTime validUntil = lines.stream().map(QuoteLine::validUntil).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null);
        return new Quote(UUID.randomUUID().toString(), request.customerId(), request.channel(), request.currency(),
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC), validUntil, lines, new Money(total, request.currency()),
                customer.known() || contractPriced(lines) ? null : List.of(CUSTOMER_UNKNOWN));
    }

    /**
     * A line priced by the customer's own contract means the ERP knows the customer: telling the channel it does not
     * would be wrong, even while CRM has not sent the account (tier and segment) yet.
     */
    private static boolean contractPriced(List<QuoteLine> lines) {
        for (QuoteLine line : lines) {
            if (line.rule() == PriceRule.CONTRACT) {
                return true;
            }
        }
        return false;
    }

    private CustomerContext customer(String customerId, String channel) {
        Span span = Span.current();
        span.setAttribute("tradeflow.customer.id", customerId == null ? "" : customerId);
        span.setAttribute("tradeflow.channel", channel);
        return book.customer(customerId);
    }

    private String json(Quote quote) {
        try {
            return quoteWriter.writeValueAsString(quote);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("quote cannot be written as JSON", e);
        }
    }

    private Quote read(String body) {
        try {
            return mapper.readValue(body, Quote.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("kept quote cannot be read", e);
        }
    }
}
