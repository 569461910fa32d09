package io.tradeflow.orders.rest;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.common.Channels;
import io.tradeflow.orders.service.OrderIntake;
import io.tradeflow.orders.service.OrderQueries;
import io.tradeflow.orders.service.OrderView;
import io.tradeflow.platform.problem.Problem;
import io.tradeflow.platform.problem.ProblemException;
import io.tradeflow.platform.security.Roles;

@Path("/api/v1/orders")
@Tag(name = "orders", description = "Place, follow and cancel orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {
    /** page x size stays an int offset (1,000,000 x 500); a page beyond that is a client error, not an overflow. */
    static final int MAX_PAGE = 1_000_000;

    private final OrderIntake intake;
    private final OrderQueries queries;
    private final SecurityIdentity identity;

    OrderResource(OrderIntake intake, OrderQueries queries, SecurityIdentity identity) {
        this.intake = intake;
        this.queries = queries;
        this.identity = identity;
    }

    /** The 202 answer: where to follow the order. */
    public record Accepted(String orderId, String state, String statusUrl) {
    }

    public record CancelRequest(@Size(max = 500) String reason) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.STOREFRONT, Roles.CRM})
    @Operation(summary = "Place an order; the saga runs asynchronously",
            description = "The same Idempotency-Key with the same body returns the same order.")
    @APIResponse(responseCode = "202", description = "Order accepted",
            content = @Content(schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "400", description = "Invalid order", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "Idempotency-Key reused with a different body",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Response> place(
            @HeaderParam("Idempotency-Key") String idempotencyKey, @NotNull @Valid PlaceOrderRequest request) {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            throw ProblemException.invalidField("Idempotency-Key", "header is required (1 to 200 characters)");
        }
        refuseForeignChannel(request.channel());
        return intake.place(request.canonical(), idempotencyKey).map(placed -> Response.accepted(
                        new Accepted(placed.orderId(), placed.state(), "/api/v1/orders/" + placed.orderId()))
                .location(java.net.URI.create("/api/v1/orders/" + placed.orderId())).build());
    }

    /**
     * Partner and marketplace orders come through the partner gateway, which checked the partner's credentials; the
     * CRM channel is the sales desk's. A storefront token ordering on those would put its orders under another
     * channel's prices, stock and reports.
     */
    private void refuseForeignChannel(String channel) {
        boolean gatewayOnly = Channels.PARTNER.equals(channel) || Channels.MARKETPLACE.equals(channel);
        boolean salesDeskOnly = Channels.CRM.equals(channel) && !identity.hasRole(Roles.CRM);
        if (gatewayOnly || salesDeskOnly) {
            throw new ProblemException(403, "channel-not-allowed", "Channel not allowed",
                    "channel: " + channel + (gatewayOnly ? " orders arrive through the partner gateway"
                            : " orders are placed with a crm token"),
                    List.of(new Problem.FieldError("channel", gatewayOnly ? "is for the partner gateway only"
                            : "needs the crm role")), Map.of());
        }
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.STOREFRONT, Roles.CRM, Roles.OPERATIONS})
    @Operation(summary = "An order's state, lines, ERP number, shipment, invoice and timeline")
    @APIResponse(responseCode = "200", description = "The order",
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such order", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<OrderView> get(@PathParam("id") String id) {
        return queries.order(id);
    }

    @GET
    @RolesAllowed({Roles.STOREFRONT, Roles.CRM, Roles.OPERATIONS})
    @Operation(summary = "Orders by customer, state or stuck, newest first, paged")
    @APIResponse(responseCode = "200", description = "A page of orders",
            content = @Content(schema = @Schema(implementation = OrderView.Page.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<OrderView.Page> list(@QueryParam("customerId") String customerId,
                                    @QueryParam("status") @Pattern(regexp = "[A-Za-z_]+") String status,
                                    @QueryParam("stuck") @DefaultValue("false") Boolean stuck,
                                    @QueryParam("page") @DefaultValue("0") @Min(0) @Max(MAX_PAGE) Integer page,
                                    @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) Integer size) {
        return queries.list(customerId, status, stuck, page, size);
    }

    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CRM, Roles.OPERATIONS})
    @Operation(summary = "Cancel an order, compensating what was done; refused once shipped")
    @APIResponse(responseCode = "200", description = "Cancelled or compensating",
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such order", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "Already shipped or closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<OrderView> cancel(@PathParam("id") String id, @Valid CancelRequest request) {
        return queries.cancel(id, request == null ? null : request.reason());
    }
}
