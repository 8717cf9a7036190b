package dev.dealroom.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dealroom.access.Caller;
import dev.dealroom.document.DocumentService;
import dev.dealroom.document.DocumentView;
import dev.dealroom.group.GroupService;
import dev.dealroom.group.GroupView;
import dev.dealroom.notification.NotificationService;
import dev.dealroom.post.PostPage;
import dev.dealroom.post.PostService;
import dev.dealroom.post.PostView;
import dev.dealroom.progress.Visits;
import dev.dealroom.room.RoomService;
import dev.dealroom.room.RoomView;
import dev.dealroom.signoff.Decision;
import dev.dealroom.signoff.SignoffService;
import dev.dealroom.signoff.SignoffStatus;
import dev.dealroom.signoff.SignoffView;
import dev.dealroom.task.TaskService;
import dev.dealroom.task.TaskView;

/**
 * Writes a member's own data from each of their rooms: {@code rooms/<room>/data.json} and the bytes of the document
 * versions they uploaded beside it. Only what is theirs — their member record, what they wrote, owe, asked or
 * decided, uploaded, their visits and email settings — read through the same services and access policy as the API
 * (so only from groups they are still in), never another member's words: of a sign-off they were asked to approve,
 * only its title and their own decision.
 */
@ApplicationScoped
public class PersonalArchive {

    /** The room a part of the export comes from. */
    public record RoomRef(String id, String name) {
    }

    /** A sign-off the member asked for, without the approvers' words. */
    public record MySignoffRequest(String id, String groupId, String title, String description, SignoffStatus status,
            Instant createdAt, Instant closedAt) {
    }

    /** The member's decision on a sign-off they were asked to approve; null decision while they have not decided. */
    public record MyDecision(String signoffId, String groupId, String title, Decision decision, String comment,
            Instant decidedAt) {
    }

    /** A document version the member uploaded, and where its bytes are in the ZIP. */
    public record MyUpload(String documentId, String groupId, String name, int version, long size, String sha256,
            String contentType, Instant uploadedAt, String file) {
    }

    private final RoomService rooms;
    private final GroupService groups;
    private final PostService posts;
    private final TaskService tasks;
    private final SignoffService signoffs;
    private final DocumentService documents;
    private final Visits visits;
    private final NotificationService notifications;
    private final ObjectMapper json;

    public PersonalArchive(RoomService rooms, GroupService groups,
            PostService posts, TaskService tasks, SignoffService signoffs, DocumentService documents, Visits visits,
            NotificationService notifications, ObjectMapper json) {
        this.rooms = rooms;
        this.groups = groups;
        this.posts = posts;
        this.tasks = tasks;
        this.signoffs = signoffs;
        this.documents = documents;
        this.visits = visits;
        this.notifications = notifications;
        this.json = json;
    }

    public void write(Caller caller, List<String> roomIds, OutputStream out) throws IOException {
        try (ZipWriter zip = new ZipWriter(out, json)) {
            for (String roomId : roomIds) {
                room(zip, caller, roomId);
            }
            if (roomIds.isEmpty()) {
                try (JsonGenerator empty = zip.json("", "rooms.json")) {
                    empty.writeStartArray();
                    empty.writeEndArray();
                }
            }
            zip.complete();
        }
    }

    private void room(ZipWriter zip, Caller caller, String roomId) throws IOException {
        RoomView room = rooms.get(caller, roomId);
        String me = room.me().id();
        String folder = zip.folder("rooms/" + ZipWriter.segment(room.room().name(), "room"));
        List<GroupView> mine = groups.list(caller, roomId);
        List<MyUpload> uploads = new ArrayList<>();
        for (GroupView group : mine) {
            for (DocumentView document : documents.list(caller, roomId, group.id())) {
                for (DocumentView.VersionView version : document.versions()) {
                    if (!version.uploadedBy().equals(me)) {
                        continue;
                    }
                    String file = zip.entry(folder + "/documents", ZipWriter.versionFile(document.name(),
                            version.version()));
                    try (OutputStream bytes = zip.content()) {
                        documents.copyForExport(caller, roomId, group.id(), document.id(), version.version(), bytes);
                    }
                    uploads.add(new MyUpload(document.id(), group.id(), document.name(), version.version(),
                            version.size(), version.sha256(), version.contentType(), version.uploadedAt(), file));
                }
            }
        }
        try (JsonGenerator data = zip.json(folder, "data.json")) {
            data.writeStartObject();
            data.writeObjectField("room", new RoomRef(room.room().id(), room.room().name()));
            data.writeObjectField("member", room.me());
            data.writeObjectField("notificationSettings", notifications.settings(caller, roomId));
            data.writeObjectField("visits", visits.mine(caller, roomId));
            data.writeArrayFieldStart("posts");
            for (GroupView group : mine) {
                Long before = null;
                do {
                    PostPage page = posts.page(caller, roomId, group.id(), before, PostService.MAX_PAGE);
                    for (PostView post : page.posts()) {
                        if (me.equals(String.valueOf(post.author().memberId()))) {
                            data.writeObject(post);
                        }
                    }
                    before = page.nextBefore();
                } while (before != null);
            }
            data.writeEndArray();
            data.writeArrayFieldStart("tasks");
            for (GroupView group : mine) {
                for (TaskView task : tasks.list(caller, roomId, group.id())) {
                    if (me.equals(task.ownerId()) || me.equals(task.createdBy())) {
                        data.writeObject(task);
                    }
                }
            }
            data.writeEndArray();
            List<MyDecision> decisions = new ArrayList<>();
            data.writeArrayFieldStart("signoffRequests");
            for (GroupView group : mine) {
                for (SignoffView signoff : signoffs.list(caller, roomId, group.id())) {
                    if (me.equals(signoff.authorId())) {
                        data.writeObject(new MySignoffRequest(signoff.id(), signoff.groupId(), signoff.title(),
                                signoff.description(), signoff.status(), signoff.createdAt(), signoff.closedAt()));
                    }
                    signoff.approvers().stream().filter(approver -> me.equals(approver.memberId())).findFirst()
                            .ifPresent(approver -> decisions.add(new MyDecision(signoff.id(), signoff.groupId(),
                                    signoff.title(), approver.decision(), approver.comment(), approver.decidedAt())));
                }
            }
            data.writeEndArray();
            data.writeObjectField("decisions", decisions);
            data.writeObjectField("documents", uploads);
            data.writeEndObject();
        }
    }
}
