package dev.dealroom.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import dev.dealroom.committee.CommitteeService;
import dev.dealroom.committee.SeatRequest;
import dev.dealroom.common.i18n.Language;
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
import dev.dealroom.room.UpdateRoomRequest;
import dev.dealroom.task.TaskService;
import dev.dealroom.task.TaskStatus;
import dev.dealroom.task.UpdateTaskRequest;
import dev.dealroom.template.BuiltInTemplates;
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
    private final CommitteeService committee;
    private final EntityManager em;
    private final Clock clock;
    private final String authServerUrl;

    public DemoData(RoomService rooms, MemberService members, TaskService tasks, PostService posts, ReadService reads,
            CommitteeService committee, EntityManager em, Clock clock,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authServerUrl) {
        this.rooms = rooms;
        this.members = members;
        this.tasks = tasks;
        this.posts = posts;
        this.reads = reads;
        this.committee = committee;
        this.em = em;
        this.clock = clock;
        this.authServerUrl = authServerUrl.orElse("<the dev OIDC server>");
    }

    void seed(@Observes StartupEvent started) {
        Cast cast = Cast.DEMO;
        if (rooms.listMine(cast.seller()).isEmpty()) {
            LOG.infof("Demo room created: %s", createRoom(cast));
        }
        LOG.infof("Demo logins: get a bearer token with "
                + "curl -d grant_type=password -d client_id=quarkus-app -d username=%s %s/token "
                + "(other users: %s), then call http://localhost:8080/api/rooms or use it in /q/swagger-ui",
                SELLER, authServerUrl, String.join(", ", OTHER_LOGINS));
    }

    /**
     * The demo's people, by the domains of their addresses: the seller's company and the prospect's. The dev
     * server's are fixed (its logins); a test seeds a cast of its own.
     */
    record Cast(String sellerDomain, String buyerDomain) {

        static final Cast DEMO = new Cast("acme.example", "northwind.example");

        Caller seller() {
            return caller("sam.seller@" + sellerDomain, "Sam Seller");
        }

        Caller presales() {
            return caller("priya.presales@" + sellerDomain, "Priya Presales");
        }

        Caller decider() {
            return caller("dana.decider@" + buyerDomain, "Dana Decider");
        }

        String buyer(String local) {
            return local + "@" + buyerDomain;
        }
    }

    /** Opens the demo room for this cast and tells its story; answers the room's id. */
    String createRoom(Cast cast) {
        Caller sam = cast.seller();
        Instant now = clock.instant();
        // Chapter 1, twelve days ago: Sam opens the room from the built-in template, dresses it for Northwind and
        // invites both teams.
        RoomView room = rooms.create(sam, new CreateRoomRequest("Northwind — fleet analytics platform",
                "Northwind Logistics", new BigDecimal("480000.00"), "EUR", LocalDate.now(clock).plusDays(60),
                RoomStage.EVALUATION, RoomStatus.OPEN, null, BuiltInTemplates.COMPLEX_B2B_EVALUATION, WELCOME), null,
                Language.EN);
        String roomId = room.room().id();
        rooms.update(sam, roomId, new UpdateRoomRequest(null, null, null, null, null, "Acme Analytics", null,
                "#0b4f6c", null, null));
        rooms.putLogo(sam, roomId, "buyer", resource("northwind-logo.png"));
        rooms.putLogo(sam, roomId, "seller", resource("acme-logo.png"));
        add(sam, roomId, cast.presales().memberEmail().orElseThrow(), "Priya Presales", Side.SELLER,
                "Solutions engineer", false, "proof", "implementation", "success-metrics");
        add(sam, roomId, cast.decider().memberEmail().orElseThrow(), "Dana Decider", Side.BUYER, "VP Operations",
                true, "success-metrics", "business-case");
        add(sam, roomId, cast.buyer("carl.cfo"), "Carl Cole", Side.BUYER, "Chief Financial Officer", false,
                "business-case");
        add(sam, roomId, cast.buyer("lena.legal"), "Lena Lind", Side.BUYER, "Legal counsel", false, "contracts");
        add(sam, roomId, cast.buyer("ivan.it"), "Ivan Ilic", Side.BUYER, "IT architect", false, "proof",
                "implementation");
        happened(roomId, 0, now.minus(Duration.ofDays(12)));
        openedDaysAgo(roomId, 12);
        tellTheStory(cast, roomId, members.list(sam, roomId), now);
        return roomId;
    }

    private static final String WELCOME = """
            Welcome, Northwind team! This room holds everything for your evaluation of our fleet analytics \
            platform: the plan we agreed together, the pilot on your depots, the business case and the contracts.
            Each group shows you only what concerns you. Ask us anything in the discussions: we answer within the day.
            — Sam, Acme Analytics""";

    /**
     * Makes the coordination view tell a story, each chapter at its time, on the template's plan: the room opened
     * twelve days ago, the kick-off was held and owners given the day after; the proof runs on time (Ivan's test
     * environment, the data feed, was connected six days ago); the business case is late (the figures the CFO owes
     * are overdue) and the CFO has not read the decision-maker's pricing announcement of four days ago, which Dana
     * wrote and last looked at then; contracts has not started.
     */
    private void tellTheStory(Cast cast, String roomId, List<MemberView> people, Instant now) {
        Caller sam = cast.seller();
        Caller dana = cast.decider();
        Caller priya = cast.presales();
        String carl = idOf(people, cast.buyer("carl.cfo"));
        String ivan = idOf(people, cast.buyer("ivan.it"));
        LocalDate today = LocalDate.now(clock);

        // Chapter 2, eleven days ago: the kick-off is held, the plan shared, the proof scoped; owners are given.
        long before = lastSeq(roomId);
        done(sam, roomId, "everyone", "Kick-off meeting");
        done(sam, roomId, "everyone", "Share the mutual action plan");
        done(sam, roomId, "proof", "Agree on the proof of concept's scope and success criteria");
        change(sam, roomId, "proof", "Set up the test environment", new UpdateTaskRequest(null,
                "Read-only replica of the telematics database", ivan, null, null, null, null, null));
        change(dana, roomId, "business-case", "Collect the figures for the business case", new UpdateTaskRequest(null,
                "Payback period and three-year TCO", carl, today.minusDays(5), null, null, null, null));
        change(sam, roomId, "implementation", "Draft the implementation plan", new UpdateTaskRequest(null, null, ivan,
                null, null, null, null, null));
        happened(roomId, before, now.minus(Duration.ofDays(11)));
        joined(roomId, now.minus(Duration.ofDays(11)), priya.memberEmail().orElseThrow(),
                dana.memberEmail().orElseThrow(), cast.buyer("ivan.it"), cast.buyer("carl.cfo"));

        // Chapter 3, six days ago: the data feed is connected; criteria, baseline and rollout plan are under way.
        before = lastSeq(roomId);
        done(sam, roomId, "proof", "Set up the test environment");
        posts.create(priya, roomId, "proof", new CreatePostRequest("The data feed is connected; the pilot starts "
                + "Monday on the Leeds, Lyon and Lodz depots.", null, List.of(ivan), false, null), null);
        start(dana, roomId, "steering", "Confirm the decision criteria and process");
        start(sam, roomId, "success-metrics", "Measure today's baseline");
        start(sam, roomId, "implementation", "Draft the implementation plan");
        happened(roomId, before, now.minus(Duration.ofDays(6)));
        reads.markRead(priya, roomId, "proof", Long.MAX_VALUE);
        reads.markRead(priya, roomId, "everyone", Long.MAX_VALUE);
        seenAt(roomId, priya.memberEmail().orElseThrow(), now.minus(Duration.ofDays(6)).plus(Duration.ofMinutes(30)));

        // Chapter 4, four days ago: Dana announces the agreed pricing, and reads the group as she writes.
        before = lastSeq(roomId);
        posts.create(dana, roomId, "business-case", new CreatePostRequest("Pricing is agreed: three-year term, "
                + "480k EUR, paid yearly. Please base the business case on it.", null, List.of(carl), true, null),
                null);
        Instant announced = now.minus(Duration.ofDays(4));
        happened(roomId, before, announced);
        reads.markRead(dana, roomId, "business-case", Long.MAX_VALUE);
        reads.markRead(dana, roomId, "everyone", Long.MAX_VALUE);
        seenAt(roomId, dana.memberEmail().orElseThrow(), announced.plus(Duration.ofMinutes(20)));

        // Today: Sam has read it; Carl has not. Sam maps the buying committee: Dana holds the budget, Carl is the
        // champion who went quiet, Ivan evaluates, Lena reads the contract; nobody runs procurement yet.
        reads.markRead(sam, roomId, "business-case", Long.MAX_VALUE);
        seat(sam, roomId, dana.memberEmail().orElseThrow(), people, "SUPPORTER", "ECONOMIC_BUYER");
        seat(sam, roomId, cast.buyer("carl.cfo"), people, "NEUTRAL", "CHAMPION");
        seat(sam, roomId, cast.buyer("ivan.it"), people, "SUPPORTER", "TECHNICAL_EVALUATOR", "USER");
        seat(sam, roomId, cast.buyer("lena.legal"), people, null, "LEGAL");
        // Ivan last read his groups five days ago, Lena (who joined late) two days ago; Carl never has, not even the
        // kick-off's milestone in everyone.
        Caller ivanCaller = caller(cast.buyer("ivan.it"), "Ivan Ilic");
        reads.markRead(ivanCaller, roomId, "proof", Long.MAX_VALUE);
        reads.markRead(ivanCaller, roomId, "implementation", Long.MAX_VALUE);
        reads.markRead(ivanCaller, roomId, "everyone", Long.MAX_VALUE);
        seenAt(roomId, cast.buyer("ivan.it"), now.minus(Duration.ofDays(5)));
        Caller lena = caller(cast.buyer("lena.legal"), "Lena Lind");
        joined(roomId, now.minus(Duration.ofDays(2)), cast.buyer("lena.legal"));
        reads.markRead(lena, roomId, "contracts", Long.MAX_VALUE);
        reads.markRead(lena, roomId, "everyone", Long.MAX_VALUE);
        seenAt(roomId, cast.buyer("lena.legal"), now.minus(Duration.ofDays(2)));

        // Their visits, as engagement counts them: Dana comes often, Ivan during the proof, Lena since she joined;
        // Carl, the champion, opened the room once when he joined and never since: he has gone quiet.
        visited(roomId, dana.memberEmail().orElseThrow(), now, 11, 9, 6, 4, 2, 1);
        visited(roomId, cast.buyer("ivan.it"), now, 11, 8, 6, 5);
        visited(roomId, cast.buyer("lena.legal"), now, 2);
        visited(roomId, cast.buyer("carl.cfo"), now, 11);
    }

    /** The member opened the room once on each of these days before {@code now}. */
    private void visited(String roomId, String email, Instant now, int... daysAgo) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (int days : daysAgo) {
                Instant at = now.minus(Duration.ofDays(days));
                run("insert into member_visit (member_id, day, room_id, visits, first_at, last_at) select m.id, ?3,"
                        + " m.room_id, 1, ?4, ?4 from member m where m.room_id = ?1 and m.email = ?2",
                        UUID.fromString(roomId), email, LocalDate.ofInstant(at, clock.getZone()), at);
            }
        });
    }

    private void seat(Caller owner, String roomId, String email, List<MemberView> people, String attitude,
            String... roles) {
        committee.set(owner, roomId, idOf(people, email), new SeatRequest(List.of(roles), attitude));
    }

    private void done(Caller by, String roomId, String group, String title) {
        change(by, roomId, group, title, new UpdateTaskRequest(null, null, null, null, TaskStatus.DONE, null, null, null));
    }

    private void start(Caller by, String roomId, String group, String title) {
        change(by, roomId, group, title, new UpdateTaskRequest(null, null, null, null, TaskStatus.IN_PROGRESS, null,
                null, null));
    }

    /** Changes the template's task of this title in the group. */
    private void change(Caller by, String roomId, String group, String title, UpdateTaskRequest request) {
        String taskId = tasks.list(by, roomId, group).stream().filter(task -> task.title().equals(title)).findFirst()
                .orElseThrow(() -> new IllegalStateException("The template has no task " + title + " in " + group))
                .id();
        tasks.update(by, roomId, group, taskId, request);
    }

    /**
     * The template dated its plan from today, when the room was really opened: the tasks counted from the opening
     * (and those that follow them) move back with the story's opening, as the room's own dates did.
     */
    private void openedDaysAgo(String roomId, int days) {
        QuarkusTransaction.requiringNew().run(() -> run("with recursive rooted(id) as (select id from task"
                + " where room_id = ?1 and due_kind = 'AFTER_ROOM_OPENED' union select t.id from task t"
                + " join rooted r on t.due_after_task_id = r.id where t.due_kind = 'AFTER_TASK')"
                + " update task set due_date = due_date - ?2 where id in (select id from rooted)"
                + " and due_date is not null", UUID.fromString(roomId), days));
    }

    private long lastSeq(String roomId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select last_seq from room where id = ?1").setParameter(1, UUID.fromString(roomId))
                .getSingleResult()).longValue());
    }

    /**
     * Moves what the events after {@code afterSeq} recorded to {@code at}, a minute apart in their order: the
     * events' times (and the times their payloads carry), and the rows they created — the room, members and their
     * invitations (with the same validity), tasks, posts — so that the story's past reads as past everywhere.
     */
    private void happened(String roomId, long afterSeq, Instant at) {
        UUID room = UUID.fromString(roomId);
        QuarkusTransaction.requiringNew().run(() -> {
            run("update room_event set at = cast(?3 as timestamptz) + make_interval(mins => (seq - ?2 - 1)::int)"
                    + " where room_id = ?1 and seq > ?2", room, afterSeq, at);
            run("update room_event set data = jsonb_set(data, '{createdAt}', to_jsonb(at))"
                    + " where room_id = ?1 and seq > ?2 and data -> 'createdAt' is not null", room, afterSeq);
            run("update room r set created_at = e.at, updated_at = e.at from room_event e"
                    + " where r.id = ?1 and e.room_id = r.id and e.seq = 1 and e.seq > ?2", room, afterSeq);
            run("update room r set updated_at = (select max(e.at) from room_event e where e.room_id = r.id"
                    + " and e.type = 'room.updated') where r.id = ?1 and ?2 = 0", room, afterSeq);
            run("update member m set added_at = e.at from room_event e where e.room_id = ?1 and e.seq > ?2"
                    + " and e.type = 'member.added' and m.id = (e.data ->> 'id')::uuid", room, afterSeq);
            run("update member m set added_at = r.created_at from room r where r.id = ?1 and m.room_id = r.id"
                    + " and m.owner and ?2 = 0", room, afterSeq);
            run("update invitation i set expires_at = i.expires_at + (e.at - i.created_at), created_at = e.at"
                    + " from room_event e where e.room_id = ?1 and e.seq > ?2 and e.type = 'invitation.sent'"
                    + " and i.id = (e.data ->> 'id')::uuid", room, afterSeq);
            run("update task t set created_at = e.at, updated_at = e.at from room_event e where e.room_id = ?1"
                    + " and e.seq > ?2 and e.type = 'task.created' and t.id = (e.data ->> 'id')::uuid", room, afterSeq);
            run("update task t set updated_at = e.at from room_event e where e.room_id = ?1 and e.seq > ?2"
                    + " and e.type = 'task.updated' and t.id = (e.data -> 'task' ->> 'id')::uuid", room, afterSeq);
            run("update post p set created_at = e.at from room_event e where e.room_id = ?1 and e.seq > ?2"
                    + " and e.seq = p.seq and p.room_id = e.room_id", room, afterSeq);
        });
    }

    /** These people had signed in by then (the invitation's link or not): they are no longer "not joined yet". */
    private void joined(String roomId, Instant at, String... emails) {
        QuarkusTransaction.requiringNew().run(() -> run("update member set joined_at = ?3 where room_id = ?1"
                + " and email = any(?2)", UUID.fromString(roomId), emails, at));
    }

    /** The member's client last showed them their groups at {@code at}. */
    private void seenAt(String roomId, String email, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> run("update read_marker rm set read_at = ?3 from member m"
                + " where m.room_id = ?1 and m.email = ?2 and rm.member_id = m.id", UUID.fromString(roomId), email, at));
    }

    private void run(String sql, Object... parameters) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        query.executeUpdate();
    }

    private static byte[] resource(String name) {
        try (InputStream in = DemoData.class.getResourceAsStream("/demo/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Caller caller(String email, String name) {
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
