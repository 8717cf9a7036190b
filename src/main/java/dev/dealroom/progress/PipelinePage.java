package dev.dealroom.progress;

import java.util.List;

/**
 * One page of the caller's pipeline.
 *
 * @param rooms      the page's rooms, in the order asked
 * @param total      how many rooms the whole pipeline has
 * @param nextOffset pass as {@code offset} for the next page; null when this page is the last
 */
public record PipelinePage(List<PipelineItem> rooms, int total, Integer nextOffset) {
}
