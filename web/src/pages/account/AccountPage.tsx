import { type FormEvent, useState } from 'react';
import { ApiError, api, json } from '../../api/client';
import { MIN_PASSWORD_LENGTH, type SessionUser } from '../../queries/auth';

/** What the person reads when a change is refused: the API's own sentence, or ours. */
function messageOf(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'wrong_password') return 'Your current password is not correct.';
    return err.message;
  }
  return 'The password could not be changed. Check your connection and try again.';
}

/**
 * The signed-in person's own account: who they are and a form to change their
 * password (POST /api/auth/password). Other sessions of the account end; this one stays.
 */
export default function AccountPage({ user }: { user: SessionUser }) {
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
      setError(`The new password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
      return;
    }
    if (next !== String(form.get('again'))) {
      setError('The two new passwords differ.');
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
          ? `Password changed. You were signed out on ${answer.sessionsEnded} other ${answer.sessionsEnded === 1 ? 'device' : 'devices'}.`
          : 'Password changed.',
      );
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="account-title">
      <h1 id="account-title">Your account</h1>
      <p>
        Signed in as <strong>{user.name ?? user.email}</strong>
        {user.name && user.email ? ` (${user.email})` : ''}.
      </p>
      <form className="card login-form" onSubmit={submit} aria-labelledby="password-title">
        <h2 id="password-title">Change your password</h2>
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
          Current password
          <input name="current" type="password" autoComplete="current-password" required />
        </label>
        <label>
          New password (at least {MIN_PASSWORD_LENGTH} characters)
          <input
            name="next"
            type="password"
            autoComplete="new-password"
            minLength={MIN_PASSWORD_LENGTH}
            required
          />
        </label>
        <label>
          New password again
          <input name="again" type="password" autoComplete="new-password" required />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {done && <output>{done}</output>}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </section>
  );
}
