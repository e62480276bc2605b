// Every error code the central API or a shared rule can send: the registry. `ErrorDetail.code`
// (api.ts) and the server's HttpError take an ErrorCode, so an unregistered code does not
// compile; the client names each code in the user's language (renderer/i18n/errors.ts, a test
// fails if one is missing). Spell codes exactly as the issue that introduced them.
import { z } from 'zod';

export const ERROR_CODES = [
  // Request shape and protocol
  'invalid_request',
  'invalid_json',
  'invalid_cursor',
  'headers_too_large',
  'payload_too_large',
  'unsupported_media_type',
  'not_found',
  'internal',
  'rate_limited',
  'request_timeout',
  'range_not_satisfiable',
  // Sign-in and session
  'unauthorized',
  'invalid_credentials',
  'session_expired',
  'session_revoked',
  'too_many_attempts',
  'sign_in_throttled',
  'password_change_required',
  'password_too_short',
  'password_too_common',
  'password_reused',
  'password_mismatch',
  'password_too_long',
  'password_is_email',
  'password_unchanged',
  'current_password_wrong',
  'account_deactivated',
  // Administration
  'admin_only',
  'email_taken',
  'user_has_customers',
  'cannot_change_self',
  // Sync
  'client_id_taken',
  'out_of_order',
  'out_of_scope',
  // Mutations (shared rules)
  'unknown_mutation',
  'invalid_args',
  'already_exists',
  'stale_status',
  'stale_stage',
  'invalid_transition',
  'not_allowed',
  'rule_violation',
  'time_out_of_range',
  'version_not_supported',
  'period_not_ended',
  // Reply templates (shared/templates, shared/mutations/reply-template.ts)
  'template_managers_only',
  'template_unknown_field',
  // Saved views (shared/mutations/saved-view.ts)
  'saved_view_name_taken',
  // Attachments (server/attachments)
  'attachment_too_large',
  'attachment_quota_exceeded',
  'attachment_incomplete',
  'attachment_hash_mismatch',
  'attachment_not_uploaded',
  'attachment_quarantined',
  // Health-check scheduling (shared/sla/health-check.ts reasons)
  'too_soon',
  'not_business_day',
  'already_this_contract_year',
  'outside_contract',
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/**
 * Values an error may carry for the client to word it in the user's language (enum values are
 * codes, e.g. an incident status, for the client's glossary; never sentences).
 */
export const ErrorParamsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));
export type ErrorParams = z.infer<typeof ErrorParamsSchema>;
