// zod schemas for everything the SLA engine accepts, and the TypeScript types inferred from
// them. The server validates requests with these; the engine re-checks what it must.
import { z } from 'zod';
import { parseHhmm, parseLocalDate } from './civil';
import { isKnownCountry, isKnownRegion } from './holidays';
import { parseInstant } from './instant';
import { SupportPolicySchema } from './policy';
import { isValidTimeZone } from './zone';

export const IsoInstantSchema = z.string().refine((s) => !Number.isNaN(parseInstant(s)), {
  message: 'Expected an ISO-8601 instant with an offset, e.g. 2026-11-26T10:00:00+09:00',
});

export const LocalDateSchema = z.string().refine((s) => !Number.isNaN(parseLocalDate(s)), {
  message: 'Expected a real calendar date YYYY-MM-DD',
});

export const TimeZoneSchema = z.string().refine(isValidTimeZone, {
  message: 'Expected an IANA time zone, e.g. Asia/Tokyo',
});

export const CountrySchema = z.string().superRefine((s, ctx) => {
  if (!/^[A-Z]{2}$/.test(s))
    ctx.addIssue({ code: 'custom', message: 'Expected an upper-case ISO 3166 alpha-2 code, e.g. JP' });
  else if (!isKnownCountry(s))
    ctx.addIssue({ code: 'custom', message: `No public-holiday data for country ${s}` });
});

/** 'HH:MM', 00:00-23:59, or '24:00' (only meaningful as a window end). */
export const HhmmSchema = z.string().refine((s) => !Number.isNaN(parseHhmm(s)), {
  message: "Expected a local time HH:MM (00:00-23:59, or '24:00' as an end)",
});

/** A local opening window [start, end): start inclusive, end exclusive, start < end. */
export const WindowSchema = z.tuple([HhmmSchema, HhmmSchema]).superRefine(([start, end], ctx) => {
  const s = parseHhmm(start);
  const e = parseHhmm(end);
  if (Number.isNaN(s) || Number.isNaN(e)) return; // already reported by HhmmSchema
  if (s === 1440) ctx.addIssue({ code: 'custom', path: [0], message: "A window cannot start at '24:00'" });
  else if (!(s < e))
    ctx.addIssue({ code: 'custom', message: `Window start ${start} must be before its end ${end}` });
});
export type Window = z.infer<typeof WindowSchema>;

export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];

const dayWindows = z.array(WindowSchema).optional();

/** Opening windows per weekday. A day left out is closed; overlapping windows are merged. */
export const WeeklySchema = z
  .strictObject({
    mon: dayWindows,
    tue: dayWindows,
    wed: dayWindows,
    thu: dayWindows,
    fri: dayWindows,
    sat: dayWindows,
    sun: dayWindows,
  })
  .refine((w) => WEEKDAY_KEYS.some((k) => (w[k]?.length ?? 0) > 0), {
    message: 'A weekly schedule needs at least one opening window',
  });
export type Weekly = z.infer<typeof WeeklySchema>;

/** A day of the year 'MM-DD' (02-29 allowed: it closes only in leap years). */
export const MonthDaySchema = z.string().refine(
  (s) => {
    const m = /^(\d{2})-(\d{2})$/.exec(s);
    if (!m) return false;
    const month = Number(m[1]);
    const day = Number(m[2]);
    return (
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!
    );
  },
  { message: 'Expected a day of the year MM-DD, e.g. 12-29' },
);

/**
 * A closure that comes back every year, from `from` to `to` inclusive (both 'MM-DD'); a range
 * whose end comes before its start runs over New Year, e.g. 12-29 to 01-03.
 */
export const YearlyClosureSchema = z.object({ from: MonthDaySchema, to: MonthDaySchema });
export type YearlyClosure = z.infer<typeof YearlyClosureSchema>;

export const CalendarSchema = z
  .object({
    timeZone: TimeZoneSchema,
    country: CountrySchema,
    /** Subdivision (date-holidays "state"), e.g. 'BY' for Bavaria. */
    region: z.string().min(1).optional(),
    /** Default: Monday-Friday 09:00-18:00. */
    weekly: WeeklySchema.optional(),
    /** Extra closed local dates, e.g. the year-end break. */
    closures: z.array(LocalDateSchema).optional(),
    /** Closures every year, e.g. the year-end break 12-29 to 01-03. */
    yearlyClosures: z.array(YearlyClosureSchema).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.region !== undefined && isKnownCountry(c.country) && !isKnownRegion(c.country, c.region)) {
      ctx.addIssue({
        code: 'custom',
        path: ['region'],
        message: `Unknown region ${c.region} of ${c.country}`,
      });
    }
  });
export type Calendar = z.infer<typeof CalendarSchema>;

export const SeveritySchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type Severity = z.infer<typeof SeveritySchema>;

export const ChannelSchema = z.enum(['portal', 'phone', 'email', 'tam']);
export type Channel = z.infer<typeof ChannelSchema>;

export const SeverityChangeSchema = z.object({ at: IsoInstantSchema, severity: SeveritySchema });
export type SeverityChange = z.infer<typeof SeverityChangeSchema>;

const responseFacts = {
  receivedAt: IsoInstantSchema,
  severity: SeveritySchema,
  channel: ChannelSchema,
  severityChanges: z.array(SeverityChangeSchema).optional(),
  /** The first response marked as an answer to the problem; null/absent: none yet. */
  firstResponseAt: IsoInstantSchema.nullish(),
  now: IsoInstantSchema,
};

function responseAfterReceipt(
  v: { receivedAt: string; firstResponseAt?: string | null | undefined },
  ctx: z.RefinementCtx,
): void {
  if (v.firstResponseAt == null) return;
  if (parseInstant(v.firstResponseAt) < parseInstant(v.receivedAt)) {
    ctx.addIssue({
      code: 'custom',
      path: ['firstResponseAt'],
      message: 'The first response cannot precede the receipt',
    });
  }
}

export const ResponseSlaInputSchema = z
  .object({ ...responseFacts, calendar: CalendarSchema, policy: SupportPolicySchema.optional() })
  .superRefine(responseAfterReceipt);
export type ResponseSlaInput = z.infer<typeof ResponseSlaInputSchema>;

/** The input without calendar and policy, which the engine validates once and caches. */
export const ResponseSlaFactsSchema = z.object(responseFacts).superRefine(responseAfterReceipt);

// ---- coverage -------------------------------------------------------------------------

/** A TAM's leave: instants [start, end). The UI converts the days a TAM picks into instants. */
export const LeaveSchema = z
  .object({ start: IsoInstantSchema, end: IsoInstantSchema })
  .refine((l) => parseInstant(l.start) < parseInstant(l.end), {
    message: 'Leave must end after it starts',
    path: ['end'],
  });
export type Leave = z.infer<typeof LeaveSchema>;

/** One duty manager shift: instants [start, end). */
export const DutyShiftSchema = z
  .object({ userId: z.string().min(1), start: IsoInstantSchema, end: IsoInstantSchema })
  .refine((s) => parseInstant(s.start) < parseInstant(s.end), {
    message: 'A shift must end after it starts',
    path: ['end'],
  });
export type DutyShift = z.infer<typeof DutyShiftSchema>;

export const CoverageInputSchema = z.object({
  calendar: CalendarSchema,
  tamUserId: z.string().min(1),
  leave: z.array(LeaveSchema).default([]),
  roster: z.array(DutyShiftSchema).default([]),
  at: IsoInstantSchema,
});
export type CoverageInput = z.input<typeof CoverageInputSchema>;

// ---- reports --------------------------------------------------------------------------

export const DailyReportLogEntrySchema = z.object({
  incidentId: z.string().min(1),
  kind: z.literal('daily'),
  sentAt: IsoInstantSchema,
  via: z.enum(['email', 'phone']),
});
export type DailyReportLogEntry = z.infer<typeof DailyReportLogEntrySchema>;

export const QuarterlyReportLogEntrySchema = z.object({
  kind: z.literal('quarterly'),
  /** Start date of the period the report covers (as listed by quarterlySchedule). */
  periodStart: LocalDateSchema,
  sentAt: IsoInstantSchema,
});
export type QuarterlyReportLogEntry = z.infer<typeof QuarterlyReportLogEntrySchema>;

export const ReportLogEntrySchema = z.discriminatedUnion('kind', [
  DailyReportLogEntrySchema,
  QuarterlyReportLogEntrySchema,
]);
export type ReportLogEntry = z.infer<typeof ReportLogEntrySchema>;

export const OpenIncidentSchema = z.object({
  incidentId: z.string().min(1),
  severity: SeveritySchema,
  receivedAt: IsoInstantSchema,
  /** When the incident was closed; null/absent while it is open. */
  closedAt: IsoInstantSchema.nullish(),
});
export type OpenIncident = z.infer<typeof OpenIncidentSchema>;

export const DailyReportInputSchema = z.object({
  calendar: CalendarSchema,
  incidents: z.array(OpenIncidentSchema),
  log: z.array(ReportLogEntrySchema),
  now: IsoInstantSchema,
  /** Local time after which today's report is overdue. Default '18:00'. */
  cutoff: HhmmSchema.optional(),
  /** When true, only business days of the calendar owe a report. Default false (every day). */
  businessDaysOnly: z.boolean().optional(),
});
export type DailyReportInput = z.infer<typeof DailyReportInputSchema>;

export const ContractSchema = z
  .object({
    /** First day of the contract, customer's local date. */
    start: LocalDateSchema,
    /** Last day of the contract (inclusive); absent: open-ended. */
    end: LocalDateSchema.optional(),
  })
  .refine((c) => c.end === undefined || parseLocalDate(c.end) >= parseLocalDate(c.start), {
    message: 'The contract cannot end before it starts',
    path: ['end'],
  });
export type Contract = z.infer<typeof ContractSchema>;

export const QuarterlyInputSchema = z.object({
  contract: ContractSchema,
  /** The customer's calendar: its zone gives "today", its business days move the due dates. */
  calendar: CalendarSchema,
  log: z.array(ReportLogEntrySchema),
  now: IsoInstantSchema,
});
export type QuarterlyInput = z.infer<typeof QuarterlyInputSchema>;

export const ScheduledHealthCheckSchema = z.object({ id: z.string().optional(), date: LocalDateSchema });
export type ScheduledHealthCheck = z.infer<typeof ScheduledHealthCheckSchema>;

export const HealthCheckInputSchema = z.object({
  calendar: CalendarSchema,
  contract: ContractSchema,
  /** The proposed date, customer's local date. */
  date: LocalDateSchema,
  /** When the date was agreed: a local date, or an instant (read in the customer's zone). */
  agreedOn: z.union([LocalDateSchema, IsoInstantSchema]),
  /** Health checks already scheduled or done (cancelled ones left out by the caller). */
  existing: z.array(ScheduledHealthCheckSchema).default([]),
  /** Id of the health check being moved, so that it does not count against itself. */
  rescheduling: z.string().optional(),
});
export type HealthCheckInput = z.input<typeof HealthCheckInputSchema>;
