package dev.dealroom.agenda;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.dealroom.access.CurrentCaller;
import io.quarkus.security.Authenticated;

@Path("/api/me/agenda")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Agenda", description = "What I owe across all my rooms")
public class AgendaResource {

    private final AgendaService agenda;
    private final CurrentCaller caller;

    public AgendaResource(AgendaService agenda, CurrentCaller caller) {
        this.agenda = agenda;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "What I owe, across my rooms", description = "My open tasks by due date (overdue first), "
            + "the sign-offs waiting for my decision, the key updates I have not seen, the nudges I received and the "
            + "posts that mention me (the last 30 days), each with the room and group it belongs to. Only the "
            + "groups I am in now count: a room I have left shows nothing. A login without a verified email has "
            + "no rooms and gets empty lists.")
    public AgendaView agenda() {
        return agenda.agenda(caller.get());
    }
}
