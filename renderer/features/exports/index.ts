// The exports feature's public surface: other features import it from here only (eslint).
export { ExportPanel } from './ExportPanel';
