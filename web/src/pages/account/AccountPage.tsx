import { type FormEvent, useState } from 'react';
import { api, json } from '../../api/client';
import { errorMessage } from '../../i18n/errors';
import { Msg } from '../../i18n/Msg';
import { useT } from '../../i18n/useT';
import { MIN_PASSWORD_LENGTH, type SessionUser } from '../../queries/auth';

/**
 * The signed-in person's own account: who they are and a form to change their
 * password (POST /api/auth/password). Other sessions of the account end; this one stays.
 */
export default function AccountPage({ user }: { user: SessionUser }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formElement = e.currentTarget;
    const form = new FormData(formElement);
    const current = String(form.get('current'));
    const next = String(form.get('next'));
    setError(null);
    setDone(null);
    if (next.length < MIN_PASSWORD_LENGTH) {
      setError(t('account.password.tooShort', { min: MIN_PASSWORD_LENGTH }));
      return;
    }
    if (next !== String(form.get('again'))) {
      setError(t('account.password.differ'));
      return;
    }
    setBusy(true);
    try {
      const answer = await json<{ sessionsEnded: number }>(
        api.auth.password.$post({ json: { current_password: current, new_password: next } }),
      );
      formElement.reset();
      setDone(
        answer.sessionsEnded > 0
          ? t('account.password.changedSignedOut', { count: answer.sessionsEnded })
          : t('account.password.changed'),
      );
    } catch (err) {
      // the API's `wrong_password` and the rest by code; no answer at all: our sentence
      setError(errorMessage(t, err, 'account.password.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="account-title">
      <h1 id="account-title">{t('account.title')}</h1>
      <p>
        {user.name && user.email ? (
          <Msg
            id="account.signedInAsWithEmail"
            values={{
              name: <span translate="no">{user.name}</span>,
              email: <span translate="no">{user.email}</span>,
            }}
          />
        ) : (
          <Msg
            id="account.signedInAs"
            values={{ name: <span translate="no">{user.name ?? user.email}</span> }}
          />
        )}
      </p>
      <p className="muted">{t('account.language')}</p>
      <form className="card login-form" onSubmit={submit} aria-labelledby="password-title">
        <h2 id="password-title">{t('account.password.title')}</h2>
        {/* lets password managers tie the new password to this account */}
        <input
          type="text"
          name="username"
          autoComplete="username"
          value={user.email ?? ''}
          readOnly
          hidden
        />
        <label>
          {t('account.password.current')}
          <input name="current" type="password" autoComplete="current-password" required />
        </label>
        <label>
          {t('account.password.new', { min: MIN_PASSWORD_LENGTH })}
          <input
            name="next"
            type="password"
            autoComplete="new-password"
            minLength={MIN_PASSWORD_LENGTH}
            required
          />
        </label>
        <label>
          {t('account.password.again')}
          <input name="again" type="password" autoComplete="new-password" required />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {done && <output>{done}</output>}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('account.password.busy') : t('account.password.submit')}
        </button>
      </form>
    </section>
  );
}
