// Replica reads the workspace views need beyond renderer/replica/queries.ts.
export { timelineEventsOfCustomer } from '../../replica';
