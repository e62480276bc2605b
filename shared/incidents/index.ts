// Rules about one incident, each in one place (see README.md).
export { isOpenIncident, isOpenStatus, OPEN_INCIDENT_STATUSES } from './open';
export { responseSlaInput, severityFactsOf } from './sla-input';
export { shortId } from './number';
