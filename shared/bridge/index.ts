// The bridge contract between the window and the desktop: what the renderer may ask for,
// the exact shape of every argument and result, and the rules both implementations share.
export * from './channels';
export * from './contract';
export * from './desktop-api';
export * from './errors';
export * from './api-calls';
export * from './event-stream';
export * from './rules';
export * from './schemas';
export * from './session-core';
