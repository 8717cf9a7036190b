package dev.dealroom.post;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.dealroom.common.GroupContentRepository;
import io.quarkus.panache.common.Page;

@ApplicationScoped
public class PostRepository implements GroupContentRepository<Post> {

    /** The group's posts before {@code beforeSeq} (all when null), newest first. */
    public List<Post> page(UUID roomId, UUID groupId, Long beforeSeq, int limit) {
        String where = "roomId = ?1 and groupId = ?2" + (beforeSeq == null ? "" : " and seq < ?3");
        var query = beforeSeq == null
                ? find(where + " order by seq desc", roomId, groupId)
                : find(where + " order by seq desc", roomId, groupId, beforeSeq);
        return query.page(Page.ofSize(limit)).list();
    }

}
