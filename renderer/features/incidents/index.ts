// The incidents feature's public surface: other features import it from here only (eslint).
export { useRovingRows } from './roving';
export { filterParams, incidentsPath, readFilter, sameFilter } from './filter-url';
