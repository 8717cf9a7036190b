package dev.dealroom.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dealroom.access.Caller;
import dev.dealroom.common.i18n.Language;
import dev.dealroom.document.DocumentService;
import dev.dealroom.document.DocumentView;
import dev.dealroom.event.EventService;
import dev.dealroom.group.GroupService;
import dev.dealroom.group.GroupView;
import dev.dealroom.member.MemberService;
import dev.dealroom.member.MemberView;
import dev.dealroom.post.PostPage;
import dev.dealroom.post.PostService;
import dev.dealroom.post.PostView;
import dev.dealroom.room.RoomService;
import dev.dealroom.room.RoomView;
import dev.dealroom.signoff.SignoffService;
import dev.dealroom.signoff.SignoffView;
import dev.dealroom.task.TaskService;
import dev.dealroom.task.TaskView;

/**
 * Writes a room's ZIP as its downloader sees the room: every read goes through the same service, and so the same
 * access policy, as the API's (a group they are not in gives nothing, not even its name). One JSON document per kind
 * of item, each as its API answers it, every visible document version's bytes under {@code documents/}, and
 * {@code summary.html}. Lists are read and written page by page or group by group, and document bytes streamed from
 * the database: what is held at once is one page or one group's list, and the documents' metadata (never their
 * bytes), so a room with large documents is written in constant memory.
 */
@ApplicationScoped
public class RoomArchive {

    private final RoomService rooms;
    private final MemberService members;
    private final GroupService groups;
    private final PostService posts;
    private final TaskService tasks;
    private final SignoffService signoffs;
    private final DocumentService documents;
    private final EventService events;
    private final SummaryPage summary;
    private final ObjectMapper json;

    public RoomArchive(RoomService rooms, MemberService members, GroupService groups, PostService posts,
            TaskService tasks, SignoffService signoffs, DocumentService documents, EventService events,
            SummaryPage summary, ObjectMapper json) {
        this.rooms = rooms;
        this.members = members;
        this.groups = groups;
        this.posts = posts;
        this.tasks = tasks;
        this.signoffs = signoffs;
        this.documents = documents;
        this.events = events;
        this.summary = summary;
        this.json = json;
    }

    /**
     * A document's entry in {@code documents.json}: the document as its API gives it, and where each of its
     * versions' bytes are in the ZIP.
     *
     * @param files by version number, the entry's name
     */
    public record ExportedDocument(DocumentView document, Map<Integer, String> files) {
    }

    /** Writes the ZIP of the room, its log up to {@code untilSeq} (the export's own event). */
    public void write(Caller caller, String roomId, long untilSeq, Language language, OutputStream out)
            throws IOException {
        try (ZipWriter zip = new ZipWriter(out, json)) {
            RoomView room = rooms.get(caller, roomId);
            List<GroupView> visible = groups.list(caller, roomId);
            List<MemberView> people = members.list(caller, roomId);
            value(zip, "room.json", room);
            value(zip, "members.json", people);
            value(zip, "groups.json", visible);
            try (JsonGenerator array = zip.json("", "posts.json")) {
                array.writeStartArray();
                for (GroupView group : visible) {
                    Long before = null;
                    do {
                        PostPage page = posts.page(caller, roomId, group.id(), before, PostService.MAX_PAGE);
                        for (PostView post : page.posts()) {
                            array.writeObject(post);
                        }
                        before = page.nextBefore();
                    } while (before != null);
                }
                array.writeEndArray();
            }
            try (JsonGenerator array = zip.json("", "tasks.json")) {
                array.writeStartArray();
                for (GroupView group : visible) {
                    for (TaskView task : tasks.list(caller, roomId, group.id())) {
                        array.writeObject(task);
                    }
                }
                array.writeEndArray();
            }
            try (JsonGenerator array = zip.json("", "signoffs.json")) {
                array.writeStartArray();
                for (GroupView group : visible) {
                    for (SignoffView signoff : signoffs.list(caller, roomId, group.id())) {
                        array.writeObject(signoff);
                    }
                }
                array.writeEndArray();
            }
            try (JsonGenerator array = zip.json("", "events.json")) {
                array.writeStartArray();
                EventWalk.each(events, caller, roomId, untilSeq, array::writeObject);
                array.writeEndArray();
            }
            // The bytes first, so that documents.json can say where each version went (names made unique as they come).
            List<ExportedDocument> shared = new ArrayList<>();
            for (GroupView group : visible) {
                String folder = "documents/" + ZipWriter.segment(group.name(), "group");
                for (DocumentView document : documents.list(caller, roomId, group.id())) {
                    Map<Integer, String> files = new HashMap<>();
                    for (DocumentView.VersionView version : document.versions()) {
                        files.put(version.version(), zip.entry(folder,
                                ZipWriter.versionFile(document.name(), version.version())));
                        try (OutputStream bytes = zip.content()) {
                            documents.copyForExport(caller, roomId, group.id(), document.id(), version.version(),
                                    bytes);
                        }
                    }
                    shared.add(new ExportedDocument(document, files));
                }
            }
            value(zip, "documents.json", shared);
            zip.entry("", "summary.html");
            try (OutputStream page = zip.content()) {
                summary.write(caller, room, visible, people, untilSeq, language, page);
            }
            zip.complete();
        }
    }

    private static void value(ZipWriter zip, String file, Object value) throws IOException {
        try (JsonGenerator out = zip.json("", file)) {
            out.writeObject(value);
        }
    }
}
