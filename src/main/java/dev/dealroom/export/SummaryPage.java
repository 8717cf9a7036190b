package dev.dealroom.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.dealroom.access.Caller;
import dev.dealroom.common.i18n.Language;
import dev.dealroom.common.i18n.Messages;
import dev.dealroom.event.EventService;
import dev.dealroom.group.GroupView;
import dev.dealroom.member.MemberView;
import dev.dealroom.room.RoomSummary;
import dev.dealroom.room.RoomView;
import dev.dealroom.signoff.SignoffService;
import dev.dealroom.signoff.SignoffView;
import dev.dealroom.task.TaskService;
import dev.dealroom.task.TaskView;

/**
 * {@code summary.html} of a room's export: the plan, the decisions (sign-offs) and the timeline, for a person to
 * read, in the downloader's language. One self-contained page (its style inline, no script, nothing fetched), every
 * text a member wrote escaped. It reads what it shows again, group by group and page by page, rather than keep the
 * JSON documents' content.
 */
@ApplicationScoped
public class SummaryPage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final String STYLE = "body{font:15px/1.45 system-ui,sans-serif;color:#1d2430;max-width:60rem;"
            + "margin:2rem auto;padding:0 1rem}h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ccd}"
            + "table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .5rem;"
            + "border-bottom:1px solid #e4e6ee;vertical-align:top}.muted{color:#5b6475}ul{padding-left:1.2rem}"
            + "dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}";

    private final TaskService tasks;
    private final SignoffService signoffs;
    private final EventService events;
    private final Clock clock;

    public SummaryPage(TaskService tasks, SignoffService signoffs, EventService events, Clock clock) {
        this.tasks = tasks;
        this.signoffs = signoffs;
        this.events = events;
        this.clock = clock;
    }

    void write(Caller caller, RoomView view, List<GroupView> groups, List<MemberView> members, long untilSeq,
            Language language, OutputStream out) throws IOException {
        Writer page = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        Map<String, String> names = new HashMap<>();
        members.forEach(member -> names.put(member.id(), member.name()));
        Html html = new Html(page, language);
        RoomSummary room = view.room();
        String roomId = room.id();
        page.write("<!DOCTYPE html>\n<html lang=\"" + language.tag() + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width\"><title>");
        html.text("export.title", "room", room.name());
        page.write("</title><style>" + STYLE + "</style></head><body>\n<h1>");
        html.text("export.title", "room", room.name());
        page.write("</h1>\n<p class=\"muted\">");
        html.text("export.generated", "name", view.me().name(), "day", LocalDate.now(clock));
        page.write("</p>\n<dl>");
        html.term("export.prospect", room.prospectAccount());
        html.term("export.stage", Messages.render(language, "export.stage." + room.stage(), Map.of()));
        html.term("export.status", Messages.render(language, "export.status." + room.status(), Map.of()));
        html.term("export.target", Messages.day(language, room.targetDecisionDate()));
        page.write("</dl>\n<h2>");
        html.text("export.plan");
        page.write("</h2>\n");
        boolean any = false;
        for (GroupView group : groups) {
            List<TaskView> plan = tasks.list(caller, roomId, group.id());
            if (plan.isEmpty()) {
                continue;
            }
            any = true;
            page.write("<h3>" + escape(group.name()) + "</h3>\n<table><tr><th>");
            html.text("export.task");
            page.write("</th><th>");
            html.text("export.owner");
            page.write("</th><th>");
            html.text("export.due");
            page.write("</th><th>");
            html.text("export.status");
            page.write("</th></tr>\n");
            for (TaskView task : plan) {
                page.write("<tr><td>" + escape(task.title()));
                if (task.milestone()) {
                    page.write(" <span class=\"muted\">(");
                    html.text("export.milestone");
                    page.write(")</span>");
                }
                page.write("</td><td>");
                page.write(task.ownerId() == null ? escape(Messages.render(language, "export.unassigned", Map.of()))
                        : escape(names.getOrDefault(task.ownerId(), someone(language))));
                page.write("</td><td>" + (task.dueDate() == null ? "" : escape(Messages.day(language, task.dueDate())))
                        + "</td><td>");
                html.text("enum.task-status." + task.status());
                page.write("</td></tr>\n");
            }
            page.write("</table>\n");
        }
        none(html, page, any);
        page.write("<h2>");
        html.text("export.decisions");
        page.write("</h2>\n");
        any = false;
        for (GroupView group : groups) {
            List<SignoffView> decisions = signoffs.list(caller, roomId, group.id());
            if (decisions.isEmpty()) {
                continue;
            }
            any = true;
            page.write("<h3>" + escape(group.name()) + "</h3>\n<ul>\n");
            for (SignoffView signoff : decisions) {
                page.write("<li><strong>" + escape(signoff.title()) + "</strong>: ");
                html.text("enum.signoff-status." + signoff.status());
                page.write(" <span class=\"muted\">");
                html.text("export.requested-by", "name", names.getOrDefault(signoff.authorId(), someone(language)));
                page.write("</span><ul>");
                for (SignoffView.ApproverView approver : signoff.approvers()) {
                    page.write("<li>" + escape(names.getOrDefault(approver.memberId(), someone(language))) + ": ");
                    html.text(approver.decision() == null ? "export.pending"
                            : "enum.signoff-status." + approver.decision());
                    if (approver.comment() != null && !approver.comment().isBlank()) {
                        page.write(" — " + escape(approver.comment()));
                    }
                    page.write("</li>");
                }
                page.write("</ul></li>\n");
            }
            page.write("</ul>\n");
        }
        none(html, page, any);
        page.write("<h2>");
        html.text("export.timeline");
        page.write("</h2>\n<ul>\n");
        EventWalk.each(events, caller, roomId, untilSeq, event -> {
            ZonedDateTime at = event.at().atZone(clock.getZone());
            page.write("<li><span class=\"muted\">" + escape(Messages.day(language, at.toLocalDate())) + " "
                    + TIME.format(at) + "</span> " + escape(event.actor().name()) + " ");
            html.text("export.event." + event.type());
            page.write("</li>\n");
        });
        page.write("</ul>\n</body></html>\n");
        page.flush();
    }

    private static void none(Html html, Writer page, boolean any) throws IOException {
        if (!any) {
            page.write("<p class=\"muted\">");
            html.text("export.none");
            page.write("</p>\n");
        }
    }

    private static String someone(Language language) {
        return Messages.render(language, "export.someone", Map.of());
    }

    /** Texts of the catalogue, escaped: their parameters are often a member's words. */
    private record Html(Writer page, Language language) {

        void text(String key, Object... args) throws IOException {
            Map<String, Object> named = new HashMap<>();
            for (int i = 0; i < args.length; i += 2) {
                named.put((String) args[i], args[i + 1]);
            }
            page.write(escape(Messages.render(language, key, named)));
        }

        void term(String key, String value) throws IOException {
            page.write("<dt>");
            text(key);
            page.write("</dt><dd>" + escape(value) + "</dd>");
        }
    }

    /** Text as HTML: nothing in it can open an element, an attribute or an entity. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.appendCodePoint(c);
            }
        });
        return escaped.toString();
    }
}
