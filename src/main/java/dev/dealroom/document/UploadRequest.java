package dev.dealroom.document;

/** What identifies an upload for retries: the same name, detected type and bytes under the same client id. */
record UploadRequest(String name, String contentType, long size, String sha256) {
}
