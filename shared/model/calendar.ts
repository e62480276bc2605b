// The customer's business calendar as stored on the customer row. The SLA engine owns the
// calendar's meaning and its schema; the model re-exports it so there is one source of truth.
export { CalendarSchema as BusinessCalendarSchema, TimeZoneSchema } from '../sla/schemas';
export type { Calendar as BusinessCalendar } from '../sla/schemas';
