// SLA alerting (README.md): the policy as data, an incident's schedule, exactly-once delivery,
// the inbox rules and the managers' escalation view.
export * from './policy';
export * from './schedule';
export * from './delivery';
export * from './inbox';
export * from './escalations';
