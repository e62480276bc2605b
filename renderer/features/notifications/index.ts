// The notifications feature's public surface: other features import it from here only (eslint).
export { localNotifiedMemory } from './memory';
