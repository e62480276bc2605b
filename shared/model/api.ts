// HTTP contract v1 of the central API: the request and response bodies. The server validates
// with these schemas and generates its OpenAPI document from them; the app's sync engine
// parses responses with them.
import { z } from 'zod';
import {
  AttachmentSchema,
  EntityNameSchema,
  FIELD_LIMITS,
  IdSchema,
  InstantSchema,
  RoleSchema,
  Sha256Schema,
  TimelineEventSchema,
} from './entities';
import { ErrorCodeSchema, ErrorParamsSchema } from './error-codes';

/**
 * Every error the API returns: a stable code (registered in error-codes.ts), a message in
 * English that says what to do, and, for some codes, the values the client words it with.
 */
export const ApiErrorSchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    params: ErrorParamsSchema.optional(),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;
/** The body of a rejected mutation, and of the error object above. */
export const ErrorDetailSchema = ApiErrorSchema.shape.error;
export type ErrorDetail = z.infer<typeof ErrorDetailSchema>;

export const HealthResponseSchema = z.object({
  status: z.literal('ok'),
  db: z.enum(['sqlite', 'postgres']),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;

// ---------------------------------------------------------------- auth

// PostgreSQL cannot store a NUL character in text: refuse it here, as bad input, on both engines.
const noNul = (s: string) => !s.includes('\u0000');
export const LoginRequestSchema = z.object({
  email: z.string().trim().min(3).max(320).refine(noNul, 'The email must not contain a NUL character'),
  password: z.string().min(1).max(1024).refine(noNul, 'The password must not contain a NUL character'),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const SessionUserSchema = z.object({
  id: IdSchema,
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

export const LoginResponseSchema = z.object({
  /** Bearer token for the Authorization header. */
  token: z.string(),
  expiresAt: InstantSchema,
  user: SessionUserSchema,
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

export const MeResponseSchema = z.object({
  user: SessionUserSchema.extend({ team: z.string(), locale: z.enum(['ja', 'en']) }),
  expiresAt: InstantSchema,
  /**
   * True while the user signs in with a one-time password an administrator handed over: every
   * call but this one, POST /v1/auth/password and sign-out answers 403 password_change_required.
   */
  mustChangePassword: z.boolean().optional(),
  /**
   * The server's limits that the app applies before it sends anything: the largest file one
   * attachment may have (bytes; --attachment-max-bytes). Absent from servers without attachments.
   */
  limits: z.object({ attachmentMaxBytes: z.number().int().positive() }).optional(),
});
export type MeResponse = z.infer<typeof MeResponseSchema>;

export const ChangePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(1024).refine(noNul, 'The password must not contain a NUL character'),
  /** At least 12 characters, not the e-mail, not a common password (shared/model/password-policy). */
  newPassword: z.string().min(1).max(1024).refine(noNul, 'The password must not contain a NUL character'),
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequestSchema>;

export const ChangePasswordResponseSchema = z.object({
  /** How many other sessions of the user were ended. */
  revokedSessions: z.number().int().min(0),
});
export type ChangePasswordResponse = z.infer<typeof ChangePasswordResponseSchema>;

export const SessionInfoSchema = z.object({
  /** Public id of the session (not its token). */
  id: z.string(),
  createdAt: InstantSchema,
  lastUsedAt: InstantSchema,
  expiresAt: InstantSchema,
  /** The client address as the server saw it when signing in. */
  address: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** The session this request was made with. */
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const SessionListResponseSchema = z.object({ sessions: z.array(SessionInfoSchema) });
export type SessionListResponse = z.infer<typeof SessionListResponseSchema>;

export const RevokeSessionsResponseSchema = z.object({ revokedSessions: z.number().int().min(0) });
export type RevokeSessionsResponse = z.infer<typeof RevokeSessionsResponseSchema>;

// ---------------------------------------------------------------- admin

export const AUDIT_MAX_LIMIT = 1000;
export const AUDIT_DEFAULT_LIMIT = 100;

export const AuditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(AUDIT_MAX_LIMIT).optional(),
});

export const AuditEntrySchema = z.object({
  at: InstantSchema,
  /** The e-mail of the signed-in user who acted; null for anonymous actions (failed sign-ins). */
  actor: z.string().nullable(),
  /** sign_in.succeeded, sign_in.failed, sign_in.throttled, password.changed, session.revoked, access.refused, admin.<what> */
  action: z.string(),
  /** What the action was about (an e-mail, a session id, a path), if anything. */
  target: z.string().nullable(),
  address: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditResponseSchema = z.object({ entries: z.array(AuditEntrySchema) });
export type AuditResponse = z.infer<typeof AuditResponseSchema>;

export const AdminUserSchema = z.object({
  id: IdSchema,
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  team: z.string(),
  locale: z.enum(['ja', 'en']),
  /** False once deactivated: no sign-in, every session ended. */
  active: z.boolean(),
  /** Still on the one-time password the administrator handed over. */
  mustChangePassword: z.boolean(),
});
export type AdminUser = z.infer<typeof AdminUserSchema>;

const adminText = (max: number) =>
  z.string().trim().min(1, 'Must not be empty').max(max).refine(noNul, 'Must not contain a NUL character');

export const CreateUserRequestSchema = z.object({
  email: z
    .email()
    .max(320)
    .transform((e) => e.toLowerCase()),
  name: adminText(200),
  role: RoleSchema,
  team: adminText(100),
  locale: z.enum(['ja', 'en']),
});
export type CreateUserRequest = z.input<typeof CreateUserRequestSchema>;

export const CreateUserResponseSchema = z.object({
  user: AdminUserSchema,
  /** Shown once: the administrator hands it over; the user must set their own at first sign-in. */
  oneTimePassword: z.string(),
});
export type CreateUserResponse = z.infer<typeof CreateUserResponseSchema>;

export const UpdateUserRequestSchema = z
  .object({
    name: adminText(200).optional(),
    role: RoleSchema.optional(),
    team: adminText(100).optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type UpdateUserRequest = z.infer<typeof UpdateUserRequestSchema>;

export const UserResponseSchema = z.object({ user: AdminUserSchema });
export type UserResponse = z.infer<typeof UserResponseSchema>;

export const UserListResponseSchema = z.object({ users: z.array(AdminUserSchema) });
export type UserListResponse = z.infer<typeof UserListResponseSchema>;

/** The customers that keep a TAM from being deactivated (or losing the TAM role): reassign them first. */
export const BlockingCustomerSchema = z.object({ id: IdSchema, nameJa: z.string(), nameLatin: z.string() });
export type BlockingCustomer = z.infer<typeof BlockingCustomerSchema>;

/** The error body of 409 user_has_customers: the usual error plus the customers to reassign. */
export const UserHasCustomersErrorSchema = z.object({
  error: z.object({
    code: z.literal('user_has_customers'),
    message: z.string(),
    customers: z.array(BlockingCustomerSchema),
  }),
});

// ---------------------------------------------------------------- sync

/** A replica's id: chosen by the client (a UUID is fine), registered to the first user that uses it. */
export const ClientIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'Use 8-64 letters, digits, "-" or "_" (a UUID works) as clientId');

export const PULL_MAX_LIMIT = 1000;
export const PULL_DEFAULT_LIMIT = 500;

export const PullRequestSchema = z.object({
  clientId: ClientIdSchema,
  /** Opaque; null to bootstrap. Keep the one returned by the last pull. */
  cursor: z.string().max(512).nullable(),
  limit: z.number().int().min(1).max(PULL_MAX_LIMIT).optional(),
  /**
   * 'open-only' skips, while bootstrapping (and while catching up a customer that entered
   * scope), the timeline events of incidents that are resolved or closed; fetch those on demand
   * with GET /v1/incidents/{id}/timeline. Later changes always arrive in full.
   */
  timelines: z.enum(['all', 'open-only']).optional(),
});
export type PullRequest = z.infer<typeof PullRequestSchema>;

export const ChangeSchema = z.object({
  entity: EntityNameSchema,
  id: IdSchema,
  op: z.enum(['put', 'delete']),
  /** The whole row (with its envelope) for a put; absent for a delete. */
  data: z.record(z.string(), z.unknown()).optional(),
  /**
   * A timeline event's delete names its incident (a replica keeps an incident's events in one
   * packed record, found by the incident). Absent for other deletes and from older servers.
   */
  parentId: IdSchema.optional(),
});
export type Change = z.infer<typeof ChangeSchema>;

/**
 * Where a pull stands after this page. A catch-up (the bootstrap, or customers entering
 * scope) sends the open work first: every row except closed incidents and timeline events,
 * then the timelines of the open incidents ('records'); then the closed incidents
 * ('closed-incidents'), then, unless the client asked for 'open-only', the closed incidents'
 * timelines ('closed-timelines'); then the changes after the cursor follow ('changes').
 * Timeline events come grouped by incident, ordered by (incident, version). 'timelines' is
 * what servers before the open-work order sent once only timeline events (of every incident)
 * were left.
 */
export const PullStageSchema = z
  .enum(['records', 'timelines', 'closed-incidents', 'closed-timelines', 'changes'])
  .describe(
    "What the pull still owes after this page. 'records': the first stage of a catch-up (bootstrap, or customers " +
      'entering scope) is under way: customers, directory rows, requests, health checks, reports, alerts, open ' +
      "incidents and the open incidents' timelines are still to come. 'closed-incidents': the first stage is " +
      'complete (with this page the client holds every row of its scope except closed incidents and their ' +
      "timelines, as of the catch-up's start: usable for Today, incident pages and notifications); closed " +
      "incidents follow. 'closed-timelines': the closed incidents are complete; their timeline events follow " +
      "(never with timelines 'open-only'). 'timelines': sent by servers older than this order once only timeline " +
      "events (of every incident) were left. 'changes': no catch-up is left; the pages carry the changes after the " +
      'cursor (hasMore says whether more are waiting). Absent from servers older than the stages.',
  );
export type PullStage = z.infer<typeof PullStageSchema>;

export const PullResponseSchema = z.object({
  changes: z.array(ChangeSchema),
  cursor: z.string(),
  hasMore: z.boolean(),
  stage: PullStageSchema.optional(),
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

export const PUSH_MAX_MUTATIONS = 500;

export const PushMutationSchema = z.object({
  /** Increasing per client (gaps allowed). A mutation id is applied at most once. */
  id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  name: z.string().min(1).max(100),
  args: z.unknown(),
});
export type PushMutation = z.infer<typeof PushMutationSchema>;

export const PushRequestSchema = z.object({
  clientId: ClientIdSchema,
  mutations: z.array(PushMutationSchema).max(PUSH_MAX_MUTATIONS),
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

export const PushResultSchema = z.object({
  id: z.number().int(),
  status: z.enum(['applied', 'rejected']),
  error: ErrorDetailSchema.optional(),
});
export type PushResult = z.infer<typeof PushResultSchema>;

export const PushResponseSchema = z.object({
  results: z.array(PushResultSchema),
  /** The highest mutation id of this client the server has processed (null before the first). */
  lastMutationId: z.number().int().nullable(),
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

/**
 * An error as a client reads it: a newer server may send a code this client does not know yet
 * (the client words it generically), so the code is any string here. The server's own output
 * is checked against the registered codes (ApiErrorSchema).
 */
export const ReceivedApiErrorSchema = z.object({
  error: ApiErrorSchema.shape.error.extend({ code: z.string() }),
});
/** A push response as a client reads it (see ReceivedApiErrorSchema). */
export const ReceivedPushResponseSchema = PushResponseSchema.extend({
  results: z.array(PushResultSchema.extend({ error: ReceivedApiErrorSchema.shape.error.optional() })),
});

/** The data of a server-sent "poke" event: something in your scope changed, pull now. */
export const PokeEventSchema = z.object({ version: z.number().int() });
export type PokeEvent = z.infer<typeof PokeEventSchema>;

export const TIMELINE_MAX_LIMIT = 1000;
export const TIMELINE_DEFAULT_LIMIT = 500;

/**
 * The query of GET /v1/incidents/{id}/timeline: `limit` events per page (1..1000, default
 * 500), `after` the `next` of the previous page (opaque; absent for the first page).
 */
export const IncidentTimelineQuerySchema = z.object({
  limit: z
    .string()
    .regex(/^[0-9]{1,4}$/, `limit must be a whole number from 1 to ${TIMELINE_MAX_LIMIT}`)
    .transform(Number)
    .pipe(z.number().int().min(1).max(TIMELINE_MAX_LIMIT))
    .optional(),
  after: z.string().min(1).max(256).optional(),
});
export type IncidentTimelineQuery = z.infer<typeof IncidentTimelineQuerySchema>;

export const IncidentTimelineResponseSchema = z.object({
  incidentId: IdSchema,
  /** This page's events, in order of their last change. */
  events: z.array(TimelineEventSchema),
  /** Pass as `after` to get the next page; null on the last page. */
  next: z.string().nullable().default(null),
});
export type IncidentTimelineResponse = z.infer<typeof IncidentTimelineResponseSchema>;

// ---------------------------------------------------------------- attachments

/**
 * POST /v1/attachments: start (or resume) the upload of one file to an incident or a request.
 * The id comes from the client (a UUID), so a start sent twice, or after a restart, finds the
 * same upload and answers which chunks the server already holds.
 */
export const StartAttachmentRequestSchema = z
  .object({
    id: IdSchema,
    incidentId: IdSchema.optional(),
    requestId: IdSchema.optional(),
    fileName: z
      .string()
      .min(1)
      .max(FIELD_LIMITS.fileName)
      .refine(noNul, 'The file name must not contain a NUL character'),
    mediaType: z.string().max(FIELD_LIMITS.mediaType).refine(noNul, 'No NUL character'),
    size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    sha256: Sha256Schema,
  })
  .refine((b) => (b.incidentId === undefined) !== (b.requestId === undefined), {
    message: 'Give exactly one of incidentId and requestId',
  });
export type StartAttachmentRequest = z.infer<typeof StartAttachmentRequestSchema>;

/** The state of an upload: its row, how it is cut into chunks, the chunks the server holds. */
export const AttachmentUploadStateSchema = z.object({
  attachment: AttachmentSchema,
  /** Bytes per chunk (every chunk but the last, which holds the rest). */
  chunkSize: z.number().int().min(1),
  chunkCount: z.number().int().min(0),
  /** Chunk numbers already stored (empty once the upload is complete). */
  received: z.array(z.number().int().min(0)),
});
export type AttachmentUploadState = z.infer<typeof AttachmentUploadStateSchema>;

export const AttachmentChunkResponseSchema = z.object({ n: z.number().int().min(0), size: z.number().int() });
export type AttachmentChunkResponse = z.infer<typeof AttachmentChunkResponseSchema>;

/** POST /v1/attachments/:id/complete: the row, now uploaded (or quarantined by the scan hook). */
export const CompleteAttachmentResponseSchema = z.object({ attachment: AttachmentSchema });
export type CompleteAttachmentResponse = z.infer<typeof CompleteAttachmentResponseSchema>;
