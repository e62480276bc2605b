// Attachment limits shared by the server's defaults and the app's checks.

/** The largest file one attachment may hold by default (200 MiB); the server's --attachment-max-bytes changes it. */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 200 * 1024 * 1024;
/** Bytes per upload chunk the server asks for by default (4 MiB: a dropped connection loses little). */
export const DEFAULT_ATTACHMENT_CHUNK_BYTES = 4 * 1024 * 1024;
/** Attachment bytes one user may hold on the server by default (all their files together, 20 GiB). */
export const DEFAULT_ATTACHMENT_USER_QUOTA_BYTES = 20 * 1024 * 1024 * 1024;
