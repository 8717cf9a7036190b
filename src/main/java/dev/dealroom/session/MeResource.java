package dev.dealroom.session;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.dealroom.access.Caller;
import dev.dealroom.access.CurrentCaller;
import io.quarkus.security.Authenticated;

@Path("/api/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rooms")
public class MeResource {

    /**
     * @param name          the display name the identity provider gives
     * @param email         the verified email this login acts as in rooms, or null when it is not verified
     * @param emailVerified whether rooms can be opened and joined with this login
     */
    public record Me(String name, String email, boolean emailVerified) {
    }

    private final CurrentCaller caller;

    public MeResource(CurrentCaller caller) {
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Who I am signed in as")
    public Me me() {
        Caller me = caller.get();
        return new Me(me.name(), me.memberEmail().orElse(null), me.memberEmail().isPresent());
    }
}
