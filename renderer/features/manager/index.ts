// The manager feature's public surface: other features import it from here only (eslint).
export { PeriodPicker, useQuarterName } from './PeriodPicker';
export { useCustomerData, type CustomerData } from './data';
export { HistoryArriving } from './HistoryArriving';
export {
  PeriodChoiceSchema,
  contractSchedule,
  currentQuarterChoice,
  customerToday,
  resolvePeriod,
  type PeriodChoice,
  type ResolvedPeriod,
} from './period';
