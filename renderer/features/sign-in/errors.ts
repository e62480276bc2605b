// Sign-in failures (bridge and server codes) mapped to messages the user can act on.
export type SignInErrorKey =
  | 'invalidCredentials'
  | 'rateLimited'
  | 'deactivated'
  | 'unreachable'
  | 'invalidServer'
  | 'badResponse'
  | 'other';

export function signInErrorKey(code: string): SignInErrorKey {
  switch (code) {
    case 'invalid-credentials':
    case 'invalid_credentials':
      return 'invalidCredentials';
    case 'rate-limited':
    case 'too_many_attempts':
    case 'sign_in_throttled':
    case 'rate_limited':
      return 'rateLimited';
    case 'account_deactivated':
      return 'deactivated';
    case 'network':
      return 'unreachable';
    case 'invalid-server-url':
      return 'invalidServer';
    case 'bad-response':
      return 'badResponse';
    default:
      return 'other';
  }
}
