// The account feature's public surface: other features import it from here only (eslint).
export { adminApi, type CallError } from './api';
export { usePasswordChangeCheck } from './password-gate';
