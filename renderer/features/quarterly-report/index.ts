// The quarterly-report feature's public surface: other features import it from here only (eslint).
export { QuarterlyReportsLink } from './QuarterlyReportsLink';
export { figureChange, figureValue } from './comparison-text';
