import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { defaultServerUrl, getSessionManager, useSession } from '../../session';
import { signInErrorKey } from './errors';
import { errorText } from '../../i18n/describe-error';
import { ErrorDetails } from '../../layout/ErrorDetails';

export function SignInPage() {
  const { t } = useTranslation('signIn');
  const navigate = useNavigate();
  // Back to where the user was when asked to sign in (the banner passes it), else Today.
  const from = (useLocation().state as { from?: unknown } | null)?.from;
  const next = typeof from === 'string' && from.startsWith('/') && from !== '/sign-in' ? from : '/today';
  const identity = useSession((s) => s.identity);
  const needsSignIn = useSession((s) => s.needsSignIn);
  const phase = useSession((s) => s.phase);
  const again = phase === 'active' && needsSignIn && identity !== null;
  const [serverUrl, setServerUrl] = useState(identity?.serverUrl ?? '');
  // Whether the form opened with no server: then the default one is filled in, once.
  const [openedWithoutServer] = useState(serverUrl === '');
  const [email, setEmail] = useState(identity?.user.email ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; detail: string | null } | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const ids = { server: useId(), serverHint: useId(), email: useId(), password: useId(), error: useId() };

  useEffect(() => {
    if (!openedWithoutServer) return;
    let live = true;
    void defaultServerUrl().then((url) => {
      if (live) setServerUrl((current) => current || url);
    });
    return () => {
      live = false;
    };
    // Only for the opening value: later edits are the user's.
  }, [openedWithoutServer]);

  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!serverUrl.trim() || !email.trim() || !password) {
      setError({ text: t('errors.missing'), detail: null });
      return;
    }
    setBusy(true);
    setError(null);
    const result = await getSessionManager().signIn({
      serverUrl: serverUrl.trim(),
      email: email.trim(),
      password,
    });
    setBusy(false);
    if (result.ok) {
      setPassword('');
      void navigate(next, { replace: true });
      return;
    }
    const key = signInErrorKey(result.error.code);
    // The text names what to do in the user's language; the server's own (English) words
    // only under "Show details".
    setError({
      text: t(`errors.${key}`, { server: serverUrl.trim(), message: errorText(result.error) }),
      detail: result.error.message,
    });
  };

  return (
    <section aria-labelledby="sign-in-title" className="sign-in">
      <h2 id="sign-in-title">{again ? t('again.title') : t('title')}</h2>
      <p>{again ? t('again.intro', { server: identity.serverUrl }) : t('intro')}</p>
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-describedby={error ? ids.error : undefined}>
        <div className="field">
          <label htmlFor={ids.server}>{t('serverUrl')}</label>
          <input
            id={ids.server}
            name="serverUrl"
            type="url"
            autoComplete="url"
            value={serverUrl}
            onChange={(e) => setServerUrl(e.target.value)}
            aria-describedby={ids.serverHint}
            required
          />
          <small id={ids.serverHint} className="muted">
            {t('serverUrlHint')}
          </small>
        </div>
        <div className="field">
          <label htmlFor={ids.email}>{t('email')}</label>
          <input
            id={ids.email}
            name="email"
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
          />
        </div>
        <div className="field">
          <label htmlFor={ids.password}>{t('password')}</label>
          <input
            id={ids.password}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </div>
        {error && (
          <div
            id={ids.error}
            ref={errorRef}
            role="alert"
            tabIndex={-1}
            className="form-error"
            data-testid="sign-in-error"
          >
            <p>{error.text}</p>
            <ErrorDetails message={error.detail} />
          </div>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('submitting') : t('submit')}
        </button>
      </form>
    </section>
  );
}
