package io.tradeflow.pricing.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

import jakarta.inject.Inject;
import jakarta.validation.Validator;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.pricing.rest.QuoteResource.LineBody;
import io.tradeflow.pricing.rest.QuoteResource.QuoteBody;
import io.tradeflow.testinfra.TradeflowTestResource;

/**
 * The hand-written check on the quote path must never let through a basket Bean Validation refuses: for each edge of
 * each constraint, it must agree with the Validator on the annotated records.
 */
@QuarkusTest
@QuarkusTestResource(value = TradeflowTestResource.class, initArgs = @ResourceArg(name = "db", value = "pricing"))
class QuoteBodyCheckTest {
    @Inject
    Validator validator;

    @Test
    void theHandCheckAcceptsExactlyWhatBeanValidationAccepts() {
        LineBody line = new LineBody("SKU-1", BigDecimal.ONE, "EA");
        QuoteBody valid = new QuoteBody("C-1", "storefront", "USD", List.of(line));
        List<UnaryOperator<QuoteBody>> edits = List.of(
                b -> b,
                b -> new QuoteBody(null, b.channel(), b.currency(), b.lines()),
                b -> new QuoteBody("", b.channel(), b.currency(), b.lines()),
                b -> new QuoteBody(" \t", b.channel(), b.currency(), b.lines()),
                b -> new QuoteBody("x".repeat(100), b.channel(), b.currency(), b.lines()),
                b -> new QuoteBody("x".repeat(101), b.channel(), b.currency(), b.lines()),
                b -> new QuoteBody(" a ", b.channel(), b.currency(), b.lines()),
                b -> new QuoteBody(b.customerId(), null, b.currency(), b.lines()),
                b -> new QuoteBody(b.customerId(), " ", b.currency(), b.lines()),
                b -> new QuoteBody(b.customerId(), "c".repeat(60), b.currency(), b.lines()),
                b -> new QuoteBody(b.customerId(), "c".repeat(61), b.currency(), b.lines()),
                b -> new QuoteBody(b.customerId(), b.channel(), null, b.lines()),
                b -> new QuoteBody(b.customerId(), b.channel(), "usd", b.lines()),
                b -> new QuoteBody(b.customerId(), b.channel(), "US", b.lines()),
                b -> new QuoteBody(b.customerId(), b.channel(), "USDX", b.lines()),
                b -> new QuoteBody(b.customerId(), b.channel(), "U D", b.lines()),
                b -> new QuoteBody(b.customerId(), b.channel(), "ÜSD", b.lines()),
                b -> new QuoteBody(b.customerId(), b.channel(), "XQQ", b.lines()),
                b -> new QuoteBody(b.customerId(), b.channel(), b.currency(), null),
                b -> new QuoteBody(b.customerId(), b.channel(), b.currency(), List.of()),
                b -> new QuoteBody(b.customerId(), b.channel(), b.currency(), Collections.nCopies(500, line)),
                b -> new QuoteBody(b.customerId(), b.channel(), b.currency(), Collections.nCopies(501, line)),
                b -> new QuoteBody(b.customerId(), b.channel(), b.currency(), Arrays.asList(line, null)),
                b -> withLine(b, new LineBody(null, BigDecimal.ONE, "EA")),
                b -> withLine(b, new LineBody("  ", BigDecimal.ONE, "EA")),
                b -> withLine(b, new LineBody("s".repeat(64), BigDecimal.ONE, "EA")),
                b -> withLine(b, new LineBody("s".repeat(65), BigDecimal.ONE, "EA")),
                b -> withLine(b, new LineBody("SKU", null, "EA")),
                b -> withLine(b, new LineBody("SKU", BigDecimal.ZERO, "EA")),
                b -> withLine(b, new LineBody("SKU", new BigDecimal("-0.001"), "EA")),
                b -> withLine(b, new LineBody("SKU", new BigDecimal("0.001"), "EA")),
                b -> withLine(b, new LineBody("SKU", BigDecimal.ONE, null)),
                b -> withLine(b, new LineBody("SKU", BigDecimal.ONE, "")),
                b -> withLine(b, new LineBody("SKU", BigDecimal.ONE, "u".repeat(20))),
                b -> withLine(b, new LineBody("SKU", BigDecimal.ONE, "u".repeat(21))));

        int refused = 0;
        for (int i = 0; i < edits.size(); i++) {
            QuoteBody body = edits.get(i).apply(valid);
            boolean beanValid = validator.validate(body).isEmpty();
            assertThat(body.obviouslyValid()).as("case %d: %s", i, body).isEqualTo(beanValid);
            refused += beanValid ? 0 : 1;
        }
        assertThat(refused).as("the cases do exercise refusals").isGreaterThan(15);
    }

    private static QuoteBody withLine(QuoteBody body, LineBody extra) {
        List<LineBody> lines = new ArrayList<>(body.lines());
        lines.add(extra);
        return new QuoteBody(body.customerId(), body.channel(), body.currency(), lines);
    }
}
