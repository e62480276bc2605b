// The daily-report feature's public surface: other features import it from here only (eslint).
export { buildDraftEml, downloadText, type EmlDraft } from './eml';
