package io.tradeflow.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.testinfra.TradeflowTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
@QuarkusTestResource(value = TradeflowTestResource.class, initArgs = @ResourceArg(name = "db", value = "platform"))
class InboxRetentionTest {
    @Inject
    InboxRetention retention;
    @Inject
    Pool pool;

    @Test
    void idsPastRetentionAreForgottenWhileRecentOnesStillDeduplicate() {
        String old = mark("interval '31 days'");
        String recent = mark("interval '6 days'");

        retention.prune().await().atMost(Duration.ofSeconds(10));

        assertThat(marked(old)).isFalse();
        assertThat(marked(recent)).as("within a topic's retention a redelivery must still be recognised").isTrue();
    }

    private String mark(String age) {
        String id = UUID.randomUUID().toString();
        pool.preparedQuery("insert into processed_event (consumer, event_id, processed_at) values ('test', $1, now() - "
                + age + ")").execute(Tuple.of(id)).await().indefinitely();
        return id;
    }

    private boolean marked(String id) {
        return pool.preparedQuery("select 1 from processed_event where event_id = $1").execute(Tuple.of(id))
                .await().indefinitely().size() == 1;
    }
}
