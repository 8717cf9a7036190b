package dev.dealroom.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import jakarta.persistence.EntityManager;

import dev.dealroom.access.Caller;
import dev.dealroom.member.AddMemberRequest;
import dev.dealroom.member.MemberView;
import dev.dealroom.member.MemberService;
import dev.dealroom.member.Side;
import dev.dealroom.post.CreatePostRequest;
import dev.dealroom.post.PostService;
import dev.dealroom.progress.ReadService;
import dev.dealroom.room.CreateRoomRequest;
import dev.dealroom.room.RoomService;
import dev.dealroom.room.RoomStage;
import dev.dealroom.room.RoomStatus;
import dev.dealroom.room.RoomView;
import dev.dealroom.task.CreateTaskRequest;
import dev.dealroom.task.TaskService;
import dev.dealroom.task.TaskStatus;
import dev.dealroom.task.TaskView;
import dev.dealroom.task.UpdateTaskRequest;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Dev mode only: one demo room with a seller, a decision-maker and four other stakeholders spread over the
 * workstreams, whose logins the dev-mode OIDC server offers (see application.properties), and a plan whose
 * coordination view tells a story (see {@link #tellTheStory}). Created once.
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
    private final TaskService tasks;
    private final PostService posts;
    private final ReadService reads;
    private final EntityManager em;
    private final Clock clock;
    private final String authServerUrl;

    public DemoData(RoomService rooms, MemberService members, TaskService tasks, PostService posts, ReadService reads,
            EntityManager em, Clock clock,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authServerUrl) {
        this.rooms = rooms;
        this.members = members;
        this.tasks = tasks;
        this.posts = posts;
        this.reads = reads;
        this.em = em;
        this.clock = clock;
        this.authServerUrl = authServerUrl.orElse("<the dev OIDC server>");
    }

    void seed(@Observes StartupEvent started) {
        Caller sam = caller(SELLER, "Sam Seller");
        if (rooms.listMine(sam).isEmpty()) {
            RoomView room = rooms.create(sam, new CreateRoomRequest("Northwind — fleet analytics platform",
                    "Northwind Logistics", new BigDecimal("480000.00"), "EUR", LocalDate.now(clock).plusDays(60),
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
            tellTheStory(roomId, members.list(sam, roomId));
            LOG.infof("Demo room created: %s", roomId);
        }
        LOG.infof("Demo logins: get a bearer token with "
                + "curl -d grant_type=password -d client_id=quarkus-app -d username=%s %s/token "
                + "(other users: %s), then call http://localhost:8080/api/rooms or use it in /q/swagger-ui",
                SELLER, authServerUrl, String.join(", ", OTHER_LOGINS));
    }

    /**
     * Makes the coordination view tell a story: the room opened twelve days ago; the proof runs on time; the
     * business case is late (the CFO's ROI model is overdue) and the CFO has not read the decision-maker's
     * pricing announcement of four days ago; contracts has not started.
     */
    private void tellTheStory(String roomId, List<MemberView> people) {
        Caller sam = caller(SELLER, "Sam Seller");
        Caller dana = caller("dana.decider@northwind.example", "Dana Decider");
        Caller priya = caller("priya.presales@acme.example", "Priya Presales");
        String carl = idOf(people, "carl.cfo@northwind.example");
        String ivan = idOf(people, "ivan.it@northwind.example");
        LocalDate today = LocalDate.now(clock);

        backdate("room_event", "true", roomId, 12);
        backdate("room", "true", roomId, 12);

        TaskView connect = tasks.create(priya, roomId, "proof", new CreateTaskRequest("Connect the fleet data feed",
                "Read-only replica of the telematics database", ivan, today.minusDays(3), false, null), null);
        tasks.update(sam, roomId, "proof", connect.id(), new UpdateTaskRequest(null, null, null, null,
                TaskStatus.DONE, null, null, null));
        tasks.create(priya, roomId, "proof", new CreateTaskRequest("Pilot on three depots",
                "Two weeks of live routing", ivan, today.plusDays(12), true, null), null);
        posts.create(priya, roomId, "proof", new CreatePostRequest("The data feed is connected; the pilot starts "
                + "Monday on the Leeds, Lyon and Lodz depots.", null, List.of(ivan), false, null), null);

        tasks.create(dana, roomId, "business-case", new CreateTaskRequest("ROI model reviewed by finance",
                "Payback period and three-year TCO", carl, today.minusDays(5), false, null), null);
        tasks.create(sam, roomId, "business-case", new CreateTaskRequest("Business case approved", null, null,
                today.plusDays(40), true, null), null);
        posts.create(dana, roomId, "business-case", new CreatePostRequest("Pricing is agreed: three-year term, "
                + "480k EUR, paid yearly. Please base the ROI model on it.", null, List.of(carl), true, null), null);
        backdate("room_event", "key_update", roomId, 4);
        reads.markRead(sam, roomId, "business-case", Long.MAX_VALUE);

        tasks.create(sam, roomId, "implementation", new CreateTaskRequest("Rollout plan drafted", null, ivan,
                today.plusDays(30), true, null), null);
        tasks.create(sam, roomId, "success-metrics", new CreateTaskRequest("Agree the on-time delivery baseline",
                null, null, today.plusDays(14), false, null), null);
    }

    private void backdate(String table, String which, String roomId, int days) {
        String column = table.equals("room") ? "created_at" : "at";
        String id = table.equals("room") ? "id" : "room_id";
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update " + table + " set " + column + " = "
                + column + " - make_interval(days => ?1) where " + id + " = ?2 and " + which)
                .setParameter(1, days).setParameter(2, UUID.fromString(roomId)).executeUpdate());
    }

    private static Caller caller(String email, String name) {
        return new Caller("demo-" + email, Optional.of(email), name);
    }

    private static String idOf(List<MemberView> people, String email) {
        return people.stream().filter(member -> member.email().equals(email)).findFirst().orElseThrow().id();
    }

    private void add(Caller owner, String roomId, String email, String name, Side side, String title,
            boolean decisionMaker, String... groups) {
        members.add(owner, roomId, new AddMemberRequest(email, name, side, title, decisionMaker, List.of(groups), null),
                null);
    }
}
