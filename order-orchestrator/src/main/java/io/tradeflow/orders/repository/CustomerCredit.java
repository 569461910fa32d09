package io.tradeflow.orders.repository;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The ERP's credit view of a customer, as last received on {@code erp.customers}. */
@Entity
@Table(name = "erp_customer")
public class CustomerCredit extends PanacheEntityBase {
    @Id
    @Column(name = "customer_id")
    public String customerId;
    public String name;
    @Column(name = "credit_limit")
    public BigDecimal creditLimit;
    @Column(name = "open_balance")
    public BigDecimal openBalance;
    public String currency;
    @Column(name = "credit_status")
    public String creditStatus;
    @Column(name = "reservation_policy")
    public String reservationPolicy;
    public long version;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
