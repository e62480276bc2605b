import { describe, expect, it } from 'vitest';
import { PASSWORD_MIN_LENGTH, passwordProblem } from './password-policy';

describe('password policy', () => {
  it('accepts a long, uncommon password that is not the e-mail', () => {
    expect(passwordProblem('three blind mice run', 'tam1@example.com')).toBeNull();
  });

  it('needs at least 12 characters (counted as characters, not bytes)', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(passwordProblem('x1y2'.repeat(3), 'x@y.z')).toBeNull();
    expect(passwordProblem('短いパスワード', 'x@y.z')).toBe('password_too_short');
    expect(passwordProblem('パスワードは十二文字以上です', 'x@y.z')).toBeNull();
  });

  it('refuses the e-mail and its local part, whatever the case and spaces', () => {
    expect(passwordProblem('Long.Name@Example.com', 'long.name@example.com')).toBe('password_is_email');
    expect(passwordProblem('averylongname', 'averylongname@example.com')).toBe('password_is_email');
  });

  it('refuses common passwords and the current one', () => {
    expect(passwordProblem('Password1234', 'x@y.z')).toBe('password_too_common');
    expect(passwordProblem('qwerty 123456', 'x@y.z')).toBe('password_too_common');
    expect(passwordProblem('the same old phrase', 'x@y.z', 'the same old phrase')).toBe('password_unchanged');
  });

  it('refuses over-long input', () => {
    expect(passwordProblem('x'.repeat(1025), 'x@y.z')).toBe('password_too_long');
  });
});
