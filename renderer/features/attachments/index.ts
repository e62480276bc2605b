// The attachments feature's public surface: other features and the layout import it from here only (eslint).
export { AttachmentsPanel } from './AttachmentsPanel';
export { UploadStatus } from './UploadStatus';
export { AttachmentSettings, useAttachmentMaxBytes } from './AttachmentSettings';
