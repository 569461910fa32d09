package io.tradeflow.orders.rest;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.tradeflow.orders.repository.DeadLetter;
import io.tradeflow.orders.service.DeadLetterDesk;
import io.tradeflow.platform.problem.Problem;
import io.tradeflow.platform.security.Roles;

@Path("/api/v1/dead-letters")
@Tag(name = "dead-letters", description = "Messages our consumers gave up on, and their replay")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPERATIONS)
public class DeadLetterResource {
    private final DeadLetterDesk desk;

    DeadLetterResource(DeadLetterDesk desk) {
        this.desk = desk;
    }

    /** A dead letter as operations see it. */
    public record Letter(long id, String originalTopic, String key, String eventId, String eventType, String reason,
                         String payload, String correlationId, OffsetDateTime receivedAt, OffsetDateTime replayedAt) {
        static Letter of(DeadLetter d) {
            return new Letter(d.id, d.originalTopic, d.recordKey, d.eventId, d.eventType, d.reason, d.payload,
                    d.correlationId, d.receivedAt, d.replayedAt);
        }
    }

    @GET
    @Operation(summary = "Dead letters, newest first, with the reason each failed")
    @APIResponse(responseCode = "200", description = "Dead letters",
            content = @Content(schema = @Schema(implementation = Letter.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "Invalid paging", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<List<Letter>> list(@QueryParam("includeReplayed") @DefaultValue("false") Boolean includeReplayed,
                                  @QueryParam("page") @DefaultValue("0") @Min(0) @Max(OrderResource.MAX_PAGE) Integer page,
                                  @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) Integer size) {
        return desk.list(includeReplayed, page, size).map(rows -> rows.stream().map(Letter::of).toList());
    }

    @POST
    @Path("/{id}/replay")
    @Operation(summary = "Put a dead letter back on its original topic")
    @APIResponse(responseCode = "202", description = "Replayed",
            content = @Content(schema = @Schema(implementation = Letter.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such dead letter", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "Already replayed", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<jakarta.ws.rs.core.Response> replay(@PathParam("id") long id) {
        return desk.replay(id).map(d -> jakarta.ws.rs.core.Response.accepted(Letter.of(d)).build());
    }
}
