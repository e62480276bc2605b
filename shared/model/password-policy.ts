// The password policy: one home for the rule, used by the server (authority) and by the app's
// change-password form (so the user learns what is wrong before sending). Pure.

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;

/** Error codes of a refused new password (the server answers them as 400). */
export const PASSWORD_PROBLEMS = [
  'password_too_short',
  'password_too_long',
  'password_is_email',
  'password_too_common',
  'password_unchanged',
] as const;
export type PasswordProblem = (typeof PASSWORD_PROBLEMS)[number];

/**
 * A short list of the most used passwords (and the product's own names), compared after
 * lower-casing and removing spaces. Only those of 12 characters or more matter here.
 */
const COMMON = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  'qwertyuiopas',
  'qwertyuiop123',
  'qwerty123456',
  'password1234',
  'password12345',
  'password123456',
  'passwordpassword',
  'p@ssw0rd1234',
  'iloveyou1234',
  'administrator',
  'admin1234567',
  'welcome12345',
  'welcome123456',
  'changeme1234',
  'letmein12345',
  'abcdefghijkl',
  'abc123456789',
  'aaaaaaaaaaaa',
  '111111111111',
  '000000000000',
  'correcthorsebatterystaple',
  'tamworkstation',
  'tamworkstation1',
  'tamworkstation123',
  'supportsupport',
  'passw0rd1234',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'zaq12wsxcde3',
]);

const squash = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

/** The first problem of a new password, or null when the policy accepts it. */
export function passwordProblem(
  password: string,
  email: string,
  currentPassword?: string,
): PasswordProblem | null {
  const length = [...password.normalize('NFKC')].length;
  if (length < PASSWORD_MIN_LENGTH) return 'password_too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'password_too_long';
  if (currentPassword !== undefined && password === currentPassword) return 'password_unchanged';
  const p = squash(password);
  const e = squash(email);
  const local = e.split('@')[0] ?? '';
  if (p === e || (local.length > 0 && p === local)) return 'password_is_email';
  if (COMMON.has(p)) return 'password_too_common';
  return null;
}
