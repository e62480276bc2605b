// The alerts feature's public surface: other features import it from here only (eslint).
export { EscalationsPanel } from './EscalationsPanel';
export { IncidentAlerts } from './IncidentAlerts';
