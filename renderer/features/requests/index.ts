// The requests feature's public surface: other features import it from here only (eslint).
export { CustomerRequests } from './CustomerRequests';
