// The today feature's public surface: other features import it from here only (eslint).
export { loadWatched } from './data';
export { useUrgencyEntries, type UrgencyEntry } from './use-urgency';
