// The synced data model: one zod schema per entity, the TypeScript types inferred from them,
// and the registry the server, the replica and the OpenAPI document all read.
//
// Every row carries the same envelope: a UUID id, the server's change sequence number
// (`version`; 0 on a row the client wrote optimistically and the server has not confirmed
// yet), the instant of the last change, and a tombstone flag instead of a hard delete.
import { z } from 'zod';
import { BusinessCalendarSchema } from './calendar';
import { HEALTH_REASON_CODES } from '../health/weights';

export { BusinessCalendarSchema, TimeZoneSchema } from './calendar';
export type { BusinessCalendar } from './calendar';

// ---------------------------------------------------------------- primitives

export const IdSchema = z.uuid({ message: 'Use a UUID (for example from crypto.randomUUID())' });
/** An instant: ISO-8601 with a UTC offset or Z, e.g. 2026-11-26T10:00:00+09:00. */
export const InstantSchema = z.iso.datetime({
  offset: true,
  message: 'Use an ISO-8601 date-time with an offset, e.g. 2026-11-26T10:00:00+09:00',
});
/** A calendar date without a time, e.g. 2026-11-26 (interpreted in the customer's zone). */
export const LocalDateSchema = z.iso.date({ message: 'Use a date as YYYY-MM-DD' });

export const RoleSchema = z.enum(['tam', 'manager', 'admin']);
export type Role = z.infer<typeof RoleSchema>;
export const LocaleSchema = z.enum(['ja', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;

/** Incident levels of the contract: 1 critical, 2 high, 3 medium, 4 low. */
export const SeveritySchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type Severity = z.infer<typeof SeveritySchema>;
/** How the request reached support: web portal (company account), priority phone line, email, the TAM in person. */
export const ChannelSchema = z.enum(['portal', 'phone', 'email', 'tam']);
export type Channel = z.infer<typeof ChannelSchema>;

export const IncidentStatusSchema = z.enum(['new', 'in_progress', 'waiting_customer', 'resolved', 'closed']);
export type IncidentStatus = z.infer<typeof IncidentStatusSchema>;
/** Statuses after which an incident counts as no longer open (its timeline may be skipped in a bootstrap). */
export const CLOSED_INCIDENT_STATUSES: readonly IncidentStatus[] = ['resolved', 'closed'];

export const ContractTierSchema = z.enum(['msa_enterprise', 'standard']);
export type ContractTier = z.infer<typeof ContractTierSchema>;

export const VisibilitySchema = z.enum(['customer', 'internal']);
export type Visibility = z.infer<typeof VisibilitySchema>;

export const TimelineKindSchema = z.enum([
  'note',
  'call',
  'email',
  'meeting',
  'vendor_update',
  'escalation',
  // Written only by mutations, never by timeline.append:
  'response',
  'status_change',
  'severity_change',
  'report_sent',
  'alert_acknowledged',
]);
export type TimelineKind = z.infer<typeof TimelineKindSchema>;
/** Kinds a mutation writes as a side effect; timeline.append refuses them. */
export const SYSTEM_TIMELINE_KINDS: readonly TimelineKind[] = [
  'response',
  'status_change',
  'severity_change',
  'report_sent',
  'alert_acknowledged',
];

export const RequestTypeSchema = z.enum(['signature_release', 'private_patch']);
export type RequestType = z.infer<typeof RequestTypeSchema>;
export const SignatureStageSchema = z.enum([
  'submitted',
  'in_analysis',
  'release_scheduled',
  'released',
  'customer_notified',
]);
export const PatchStageSchema = z.enum([
  'requested',
  'accepted',
  'declined',
  'in_development',
  'delivered',
  'included_in_public_patch',
]);
export const RequestStageSchema = z.enum([...SignatureStageSchema.options, ...PatchStageSchema.options]);
export type RequestStage = z.infer<typeof RequestStageSchema>;

export const HealthCheckStatusSchema = z.enum(['scheduled', 'completed', 'cancelled']);
export const FindingSeveritySchema = z.enum(['info', 'low', 'medium', 'high', 'critical']);
export const FindingStatusSchema = z.enum(['open', 'accepted', 'resolved', 'wont_fix']);
export const ReportKindSchema = z.enum(['daily', 'quarterly', 'custom']);
export const ReportViaSchema = z.enum(['email', 'phone']);

// ---------------------------------------------------------------- field limits

/**
 * The longest text each stored field may hold (JavaScript string length): the one definition
 * that the row schemas below and the mutations' argument schemas (shared/mutations) both
 * read, so that an argument a mutation accepts always fits the row it is stored in. An
 * argument that feeds a field uses that field's limit (or a smaller one named here).
 */
export const FIELD_LIMITS = {
  /** Names of people, customers, contacts, products and finding areas. */
  name: 200,
  team: 100,
  supportPolicyId: 100,
  productVersion: 50,
  phone: 50,
  /** Incident and request titles. */
  title: 300,
  /** Incident and request descriptions. */
  description: 20_000,
  /** A timeline event's body (notes, responses, and the reasons below). */
  eventBody: 20_000,
  /** A reason or note given with a status or severity change; stored as its event's body (≤ eventBody). */
  changeNote: 5_000,
  /** The note of a request's stage change. */
  stageNote: 5_000,
  /** A health-check finding and its recommendation. */
  findingText: 5_000,
  /** The note of a report sent; also the body of its timeline event (≤ eventBody). */
  reportNote: 5_000,
  /** The note of an absence or a duty shift. */
  coverageNote: 2_000,
  /** An attachment's file name as the user's file system gave it (shown, never used as a path). */
  fileName: 1_024,
  /** An attachment's declared media type (informative only: downloads are never rendered inline). */
  mediaType: 255,
  /** A reply template's name (shared/templates). */
  templateName: 200,
  /** A reply template's body, its {{fields}} included (a filled one still fits eventBody). */
  templateBody: 10_000,
  /** The words of a saved incident-list filter's title search. */
  filterSearch: 500,
} as const;

const text = (max: number) => z.string().trim().min(1, 'Must not be empty').max(max);

// ---------------------------------------------------------------- envelope

export const EnvelopeSchema = z.object({
  id: IdSchema,
  /** Server change sequence of the row's last change; 0 = written locally, not yet confirmed. */
  version: z.number().int().nonnegative(),
  updatedAt: InstantSchema,
  /** Tombstone: the row was deleted; it stays so that every replica learns about it. */
  deleted: z.boolean(),
});
export type Envelope = z.infer<typeof EnvelopeSchema>;

// ---------------------------------------------------------------- people and coverage

export const UserSchema = EnvelopeSchema.extend({
  name: text(FIELD_LIMITS.name),
  email: z.email(),
  role: RoleSchema,
  team: text(FIELD_LIMITS.team),
  locale: LocaleSchema,
});
export type User = z.infer<typeof UserSchema>;

/** A TAM's leave period (inclusive local dates). */
export const AbsenceSchema = EnvelopeSchema.extend({
  userId: IdSchema,
  startDate: LocalDateSchema,
  endDate: LocalDateSchema,
  kind: z.enum(['leave', 'sick', 'training', 'other']),
  note: z.string().max(FIELD_LIMITS.coverageNote).nullable(),
});
export type Absence = z.infer<typeof AbsenceSchema>;

/** One shift of the MSA support line's duty-manager roster: who covers from startsAt to endsAt. */
export const DutyShiftSchema = EnvelopeSchema.extend({
  userId: IdSchema,
  startsAt: InstantSchema,
  endsAt: InstantSchema,
  note: z.string().max(FIELD_LIMITS.coverageNote).nullable(),
});
export type DutyShift = z.infer<typeof DutyShiftSchema>;

// ---------------------------------------------------------------- customers

export const CustomerSchema = EnvelopeSchema.extend({
  /** Name in Japanese script, e.g. 株式会社サンプル. */
  nameJa: text(FIELD_LIMITS.name),
  /** Name in Latin script, e.g. Sample Corporation. */
  nameLatin: text(FIELD_LIMITS.name),
  contractTier: ContractTierSchema,
  supportPolicyId: text(FIELD_LIMITS.supportPolicyId),
  contractStart: LocalDateSchema,
  contractEnd: LocalDateSchema,
  calendar: BusinessCalendarSchema,
  tamId: IdSchema,
  backupTamId: IdSchema.nullable(),
  team: text(FIELD_LIMITS.team),
  /** Kana reading of the Japanese name, e.g. ホクトデンキ (added later: absent on older rows). */
  nameKana: z.string().trim().max(FIELD_LIMITS.name).nullable().optional(),
  /** When the customer was archived (left Today and lists, history kept); null/absent: active. */
  archivedAt: InstantSchema.nullable().optional(),
});
export type Customer = z.infer<typeof CustomerSchema>;

export const ContactSchema = EnvelopeSchema.extend({
  customerId: IdSchema,
  name: text(FIELD_LIMITS.name),
  nameLatin: z.string().max(FIELD_LIMITS.name).nullable(),
  email: z.email().nullable(),
  phone: z.string().max(FIELD_LIMITS.phone).nullable(),
  role: z.string().max(FIELD_LIMITS.name).nullable(),
  locale: LocaleSchema,
  isPrimary: z.boolean(),
  /** Receives the daily and quarterly reports (added later: absent on older rows = no). */
  receivesReports: z.boolean().optional(),
});
export type Contact = z.infer<typeof ContactSchema>;

/** A product version the customer runs, with the end of its support (lifecycle). */
export const DeployedProductSchema = EnvelopeSchema.extend({
  customerId: IdSchema,
  product: text(FIELD_LIMITS.name),
  /** The product's version (not the row's `version`, which is the server sequence). */
  productVersion: text(FIELD_LIMITS.productVersion),
  supportEndsOn: LocalDateSchema,
});
export type DeployedProduct = z.infer<typeof DeployedProductSchema>;

// ---------------------------------------------------------------- incidents

export const SeverityChangeSchema = z.object({
  severity: SeveritySchema,
  at: InstantSchema,
  by: IdSchema,
});
export type SeverityChange = z.infer<typeof SeverityChangeSchema>;

export const IncidentSchema = EnvelopeSchema.extend({
  customerId: IdSchema,
  title: text(FIELD_LIMITS.title),
  description: z.string().max(FIELD_LIMITS.description),
  severity: SeveritySchema,
  channel: ChannelSchema,
  status: IncidentStatusSchema,
  receivedAt: InstantSchema,
  firstResponseAt: InstantSchema.nullable(),
  resolvedAt: InstantSchema.nullable(),
  /**
   * The severities that count for the response SLA: the level at receipt, then every change
   * made before the first response (after it, the response SLA is settled).
   */
  severityHistory: z.array(SeverityChangeSchema).min(1),
  createdBy: IdSchema,
});
export type Incident = z.infer<typeof IncidentSchema>;

/** Append-only entry of an incident's timeline. */
export const TimelineEventSchema = EnvelopeSchema.extend({
  incidentId: IdSchema,
  customerId: IdSchema,
  kind: TimelineKindSchema,
  at: InstantSchema,
  authorId: IdSchema,
  body: z.string().max(FIELD_LIMITS.eventBody),
  visibility: VisibilitySchema,
  /** A response that answers the problem (meets the response SLA). */
  isAnswer: z.boolean(),
  /** Structured details of system events, e.g. { from, to } of a status change. */
  meta: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
});
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

// ---------------------------------------------------------------- requests

export const StageChangeSchema = z.object({
  stage: RequestStageSchema,
  at: InstantSchema,
  by: IdSchema,
  note: z.string().max(FIELD_LIMITS.stageNote).nullable(),
});
export type StageChange = z.infer<typeof StageChangeSchema>;

export const RequestSchema = EnvelopeSchema.extend({
  customerId: IdSchema,
  type: RequestTypeSchema,
  stage: RequestStageSchema,
  title: text(FIELD_LIMITS.title),
  description: z.string().max(FIELD_LIMITS.description),
  product: text(FIELD_LIMITS.name),
  productVersion: text(FIELD_LIMITS.productVersion),
  incidentId: IdSchema.nullable(),
  /** MSA Enterprise customers get prioritised processing. */
  priority: z.enum(['prioritised', 'normal']),
  stageHistory: z.array(StageChangeSchema).min(1),
  createdBy: IdSchema,
});
export type Request = z.infer<typeof RequestSchema>;

// ---------------------------------------------------------------- health checks and reports

export const FindingSchema = z.object({
  id: IdSchema,
  area: text(FIELD_LIMITS.name),
  finding: text(FIELD_LIMITS.findingText),
  severity: FindingSeveritySchema,
  recommendation: text(FIELD_LIMITS.findingText),
  status: FindingStatusSchema,
});
export type Finding = z.infer<typeof FindingSchema>;

export const HealthCheckSchema = EnvelopeSchema.extend({
  customerId: IdSchema,
  /** The date the customer agreed the arrangements (customer's local date). */
  agreedOn: LocalDateSchema,
  /** The business day of the (remote, one-day) health check, customer's local date. */
  scheduledDate: LocalDateSchema,
  status: HealthCheckStatusSchema,
  findings: z.array(FindingSchema),
  completedAt: InstantSchema.nullable(),
  /**
   * How often the scheduled date was moved (healthCheck.schedule on an existing id with a new
   * date): the SEQUENCE of its calendar invitation (shared/calendar). Added later: absent = 0.
   */
  rescheduleCount: z.number().int().nonnegative().optional(),
});
export type HealthCheck = z.infer<typeof HealthCheckSchema>;

/** The report log: a report sent to the customer. */
export const ReportSchema = EnvelopeSchema.extend({
  customerId: IdSchema,
  kind: ReportKindSchema,
  periodStart: LocalDateSchema,
  periodEnd: LocalDateSchema,
  sentAt: InstantSchema,
  via: ReportViaSchema,
  /** The level-1 incident a daily report is about. */
  incidentId: IdSchema.nullable(),
  authorId: IdSchema,
  note: z.string().max(FIELD_LIMITS.reportNote).nullable(),
});
export type Report = z.infer<typeof ReportSchema>;

// ---------------------------------------------------------------- alerts

/**
 * The stages of an incident's alert schedule (shared/alerts): its arrival, the first and the
 * second "time is running out" thresholds, the breach, and the escalation some time after it.
 */
export const AlertStageSchema = z.enum(['arrival', 'warning', 'at_risk', 'breach', 'escalation']);
export type AlertStage = z.infer<typeof AlertStageSchema>;
/** Why an alert reached its recipient: the responder on duty by coverage, the backup TAM, the team manager. */
export const AlertRoleSchema = z.enum(['responder', 'backup_tam', 'team_manager']);
export type AlertRole = z.infer<typeof AlertRoleSchema>;

/**
 * One alert to one person, made by the central API when a stage of an incident's schedule
 * comes due. Keyed by (incident, stage, recipient): its id is derived from them, so it is made
 * once however often the server restarts. It belongs to its recipient, not to the customer:
 * it syncs to the recipient only (see userScopeId).
 */
export const AlertSchema = EnvelopeSchema.extend({
  recipientId: IdSchema,
  role: AlertRoleSchema,
  customerId: IdSchema,
  incidentId: IdSchema,
  stage: AlertStageSchema,
  severity: SeveritySchema,
  /** The stage's instant (the server made the alert at or shortly after it). */
  at: InstantSchema,
  /** The incident's response due time when the alert was made. */
  dueAt: InstantSchema,
  /** A desktop notification is raised for it (the policy's urgent stages). */
  urgent: z.boolean(),
  /** A copy of the incident's title, so the alert reads well before the incident syncs. */
  title: z.string().max(300),
  readAt: InstantSchema.nullable(),
  acknowledgedAt: InstantSchema.nullable(),
});
export type Alert = z.infer<typeof AlertSchema>;

// ---------------------------------------------------------------- attachments

/**
 * pending: the row exists, its bytes are still being uploaded; uploaded: the bytes are stored
 * and their SHA-256 verified; quarantined: the server's scan hook refused them (never served).
 */
export const AttachmentStateSchema = z.enum(['pending', 'uploaded', 'quarantined']);
export type AttachmentState = z.infer<typeof AttachmentStateSchema>;
/** A SHA-256 digest as 64 lower-case hexadecimal digits. */
export const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'Use a SHA-256 as 64 lower-case hex digits');

/**
 * A file (log, capture, screenshot) attached to an incident or a request. The row syncs like
 * the others (in its customer's scope); the bytes travel separately, through the resumable
 * upload of /v1/attachments, and are fetched on demand. Exactly one of incidentId and
 * requestId is set. The server writes these rows (a start, a completed upload, a scan); the
 * file name and media type are the uploader's words, shown as text, never trusted.
 */
export const AttachmentSchema = EnvelopeSchema.extend({
  customerId: IdSchema,
  incidentId: IdSchema.nullable(),
  requestId: IdSchema.nullable(),
  fileName: z.string().min(1).max(FIELD_LIMITS.fileName),
  mediaType: z.string().max(FIELD_LIMITS.mediaType),
  /** Bytes. */
  size: z.number().int().min(0),
  sha256: Sha256Schema,
  uploadedBy: IdSchema,
  /** When the upload was started (the TAM attached the file). */
  at: InstantSchema,
  state: AttachmentStateSchema,
});
export type Attachment = z.infer<typeof AttachmentSchema>;
// ---------------------------------------------------------------- customer health

export const HealthRatingSchema = z.enum(['green', 'amber', 'red']);
export const HealthReasonCodeSchema = z.enum(HEALTH_REASON_CODES);

/**
 * A customer's health rating of one week (shared/health), made by the central API on its clock:
 * one per customer and week (Monday, the customer's local date), its id derived from both, so
 * it is made once however often the server restarts. The history the trend charts read.
 */
export const HealthSnapshotSchema = EnvelopeSchema.extend({
  customerId: IdSchema,
  /** Monday of the week, the customer's local date. */
  weekStart: LocalDateSchema,
  /** The instant the rating was taken at. */
  asOf: InstantSchema,
  rating: HealthRatingSchema,
  score: z.number().int().min(0).max(100),
  reasons: z
    .array(
      z.object({
        code: HealthReasonCodeSchema,
        points: z.number().int().nonnegative(),
        value: z.number().finite(),
      }),
    )
    .max(HEALTH_REASON_CODES.length),
});
export type HealthSnapshot = z.infer<typeof HealthSnapshotSchema>;

// ---------------------------------------------------------------- reply templates

/** Whose set a reply template belongs to: the team's (managers maintain it) or one user's. */
export const TemplateScopeSchema = z.enum(['team', 'user']);
export type TemplateScope = z.infer<typeof TemplateScopeSchema>;

/**
 * A bilingual reply template (shared/templates): a text with {{fields}} filled from the
 * incident, its customer and the TAM when inserted into a response or a note. A team template
 * (ownerId null) syncs to everyone of its team (teamScopeId); a personal one to its owner alone
 * (userScopeId). `team` is the team whose set it is (a personal one: its owner's team).
 */
export const ReplyTemplateSchema = EnvelopeSchema.extend({
  scope: TemplateScopeSchema,
  team: text(FIELD_LIMITS.team),
  /** The owner of a personal template; null for a team template. */
  ownerId: IdSchema.nullable(),
  name: text(FIELD_LIMITS.templateName),
  /** The language the template is written in (its fields are filled in it). */
  language: LocaleSchema,
  body: text(FIELD_LIMITS.templateBody),
  /** Who created or last changed it. */
  updatedBy: IdSchema,
});
export type ReplyTemplate = z.infer<typeof ReplyTemplateSchema>;
// ---------------------------------------------------------------- saved views

/**
 * The Incidents list's filter (its URL parameters `status`, `level`, `customer`, `q`): the one
 * shape the list reads and a saved view stores. '' means "any".
 */
export const IncidentListFilterSchema = z.object({
  /** A status, 'open' (not resolved or closed), or '' for any. */
  status: z.union([IncidentStatusSchema, z.literal('open'), z.literal('')]),
  severity: z.union([SeveritySchema, z.literal('')]),
  customerId: z.union([IdSchema, z.literal('')]),
  /** Words that must all occur in the title (case and width ignored). */
  search: z.string().max(FIELD_LIMITS.filterSearch),
});
export type IncidentListFilter = z.infer<typeof IncidentListFilterSchema>;

/** The filter that shows every incident. */
export const EMPTY_INCIDENT_FILTER: IncidentListFilter = {
  status: '',
  severity: '',
  customerId: '',
  search: '',
};

/** A named Incidents-list filter of one user (only that user syncs and sees it). */
export const SavedViewSchema = EnvelopeSchema.extend({
  userId: IdSchema,
  name: text(FIELD_LIMITS.name),
  filter: IncidentListFilterSchema,
  createdAt: InstantSchema,
});
export type SavedView = z.infer<typeof SavedViewSchema>;

// ---------------------------------------------------------------- registry

export const ENTITY_SCHEMAS = {
  user: UserSchema,
  absence: AbsenceSchema,
  dutyShift: DutyShiftSchema,
  customer: CustomerSchema,
  contact: ContactSchema,
  deployedProduct: DeployedProductSchema,
  incident: IncidentSchema,
  timelineEvent: TimelineEventSchema,
  request: RequestSchema,
  healthCheck: HealthCheckSchema,
  report: ReportSchema,
  alert: AlertSchema,
  attachment: AttachmentSchema,
  healthSnapshot: HealthSnapshotSchema,
  replyTemplate: ReplyTemplateSchema,
  savedView: SavedViewSchema,
} as const;

export type EntityName = keyof typeof ENTITY_SCHEMAS;
export const ENTITY_NAMES = Object.keys(ENTITY_SCHEMAS) as EntityName[];
export const EntityNameSchema = z.enum(ENTITY_NAMES as [EntityName, ...EntityName[]]);

/** The row type of each entity. */
export type EntityRowMap = { [E in EntityName]: z.infer<(typeof ENTITY_SCHEMAS)[E]> };
export type EntityRow<E extends EntityName = EntityName> = EntityRowMap[E];
/** Any row of any entity, tagged with its entity name. */
export type TaggedRow = { [E in EntityName]: { entity: E; row: EntityRowMap[E] } }[EntityName];

/**
 * Entities visible to every signed-in user (the directory and the coverage data).
 * All other entities belong to one customer and follow the customer's scope.
 */
export const GLOBAL_ENTITIES: readonly EntityName[] = ['user', 'absence', 'dutyShift'];

/**
 * The scope of the rows that belong to one user (their alerts): a pseudo customer id that only
 * that user's scope contains.
 */
export function userScopeId(userId: string): string {
  return `_user:${userId}`;
}

/**
 * The scope of the rows one team shares (its reply templates): a pseudo customer id that the
 * scope of every member of that team contains.
 */
export function teamScopeId(team: string): string {
  return `_team:${team}`;
}

/**
 * The customer a row belongs to (for a customer row, itself); null for a global entity; for a
 * row of one user (an alert, a saved view, a personal reply template), that user's scope (userScopeId); for a
 * team's row (a team reply template), the team's scope (teamScopeId).
 */
export function customerIdOf(tagged: TaggedRow): string | null {
  switch (tagged.entity) {
    case 'user':
    case 'absence':
    case 'dutyShift':
      return null;
    case 'customer':
      return tagged.row.id;
    case 'alert':
      return userScopeId(tagged.row.recipientId);
    case 'replyTemplate':
      return tagged.row.scope === 'user' && tagged.row.ownerId !== null
        ? userScopeId(tagged.row.ownerId)
        : teamScopeId(tagged.row.team);
    case 'savedView':
      return userScopeId(tagged.row.userId);
    default:
      return tagged.row.customerId;
  }
}

/** The incident a row hangs off (timeline events), used to skip closed incidents' timelines. */
export function incidentIdOf(tagged: TaggedRow): string | null {
  return tagged.entity === 'timelineEvent' || tagged.entity === 'alert' ? tagged.row.incidentId : null;
}
