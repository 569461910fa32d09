package io.tradeflow.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import io.tradeflow.contracts.inventory.StockMovement;

class StorableValuesTest {

    @Test
    void everyNumberAnErpOrWarehouseSendsIsReadAsSent() throws Exception {
        StockMovement m = read("{\"sku\":\"SKU-1\",\"location\":\"DC\",\"type\":\"RECEIPT\",\"quantity\":999999999999999.999}");
        assertThat(m.quantity()).isEqualByComparingTo("999999999999999.999");
        assertThat(read("{\"quantity\":1.500000000000}").quantity()).isEqualByComparingTo("1.5");
    }

    @Test
    void aNumberBeyondTheColumnsOrANulInTextIsRefusedNamingTheFieldAndWhy() {
        assertThatThrownBy(() -> read("{\"quantity\":1e15}"))
                .isInstanceOfSatisfying(StorableValues.UnstorableValueException.class, e -> {
                    assertThat(e.reason()).contains("10^15");
                    assertThat(e.getPath().get(0).getFieldName()).isEqualTo("quantity");
                });
        assertThatThrownBy(() -> read("{\"quantity\":-1e400}")).isInstanceOf(StorableValues.UnstorableValueException.class);
        assertThatThrownBy(() -> read("{\"quantity\":1e-100000}"))
                .isInstanceOfSatisfying(StorableValues.UnstorableValueException.class,
                        e -> assertThat(e.reason()).contains("decimals"));
        assertThatThrownBy(() -> read("{\"sku\":\"A\\u0000B\"}"))
                .isInstanceOfSatisfying(StorableValues.UnstorableValueException.class, e -> {
                    assertThat(e.reason()).contains("NUL");
                    assertThat(e.getPath().get(0).getFieldName()).isEqualTo("sku");
                });
        assertThat(StorableValues.unstorable(new BigDecimal("-999999999999999.9999"))).isNull();
    }

    private static StockMovement read(String json) throws Exception {
        return Json.mapper().readValue(json, StockMovement.class);
    }
}
