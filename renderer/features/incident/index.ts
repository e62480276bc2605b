// The incident feature's public surface: other features import it from here only (eslint).
export { SeverityBadge, SlaBadge, useTargetText } from './parts';
export { checkFormTime, timeBoundsText } from './time-bounds';
