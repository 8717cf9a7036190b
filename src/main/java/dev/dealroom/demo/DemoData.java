package dev.dealroom.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.dealroom.access.Caller;
import dev.dealroom.member.AddMemberRequest;
import dev.dealroom.member.MemberService;
import dev.dealroom.member.Side;
import dev.dealroom.room.CreateRoomRequest;
import dev.dealroom.room.RoomService;
import dev.dealroom.room.RoomStage;
import dev.dealroom.room.RoomStatus;
import dev.dealroom.room.RoomView;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;

/**
 * Dev mode only: one demo room with a seller, a decision-maker and four other stakeholders spread over the
 * workstreams, whose logins the dev-mode OIDC server offers (see application.properties). Created once.
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);
    static final String SELLER = "sam.seller@acme.example";
    private static final List<String> OTHER_LOGINS = List.of("priya.presales@acme.example",
            "dana.decider@northwind.example", "carl.cfo@northwind.example", "lena.legal@northwind.example",
            "ivan.it@northwind.example", "stranger@elsewhere.example");

    private final RoomService rooms;
    private final MemberService members;
    private final String authServerUrl;

    public DemoData(RoomService rooms, MemberService members,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authServerUrl) {
        this.rooms = rooms;
        this.members = members;
        this.authServerUrl = authServerUrl.orElse("<the dev OIDC server>");
    }

    void seed(@Observes StartupEvent started) {
        Caller sam = new Caller("demo-seller", Optional.of(SELLER), "Sam Seller");
        if (rooms.listMine(sam).isEmpty()) {
            RoomView room = rooms.create(sam, new CreateRoomRequest("Northwind — fleet analytics platform",
                    "Northwind Logistics", new BigDecimal("480000.00"), "EUR", LocalDate.now().plusDays(60),
                    RoomStage.EVALUATION, RoomStatus.OPEN, null), null);
            String roomId = room.room().id();
            add(sam, roomId, "priya.presales@acme.example", "Priya Presales", Side.SELLER, "Solutions engineer",
                    false, "proof", "implementation", "success-metrics");
            add(sam, roomId, "dana.decider@northwind.example", "Dana Decider", Side.BUYER, "VP Operations",
                    true, "success-metrics", "business-case");
            add(sam, roomId, "carl.cfo@northwind.example", "Carl Cole", Side.BUYER, "Chief Financial Officer",
                    false, "business-case");
            add(sam, roomId, "lena.legal@northwind.example", "Lena Lind", Side.BUYER, "Legal counsel", false,
                    "contracts");
            add(sam, roomId, "ivan.it@northwind.example", "Ivan Ilic", Side.BUYER, "IT architect", false,
                    "proof", "implementation");
            LOG.infof("Demo room created: %s", roomId);
        }
        LOG.infof("Demo logins: get a bearer token with "
                + "curl -d grant_type=password -d client_id=quarkus-app -d username=%s %s/token "
                + "(other users: %s), then call http://localhost:8080/api/rooms or use it in /q/swagger-ui",
                SELLER, authServerUrl, String.join(", ", OTHER_LOGINS));
    }

    private void add(Caller owner, String roomId, String email, String name, Side side, String title,
            boolean decisionMaker, String... groups) {
        members.add(owner, roomId, new AddMemberRequest(email, name, side, title, decisionMaker, List.of(groups), null),
                null);
    }
}
