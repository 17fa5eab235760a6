import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useLocation } from 'wouter';
import { errorMessage } from '../../i18n/errors';
import { LanguageSwitch } from '../../i18n/LanguageSwitch';
import { useT } from '../../i18n/useT';
import { homeFor, login, meQuery } from '../../queries/auth';

export function LoginPage() {
  const t = useT();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const session = await login(String(form.get('email')), String(form.get('password')));
      queryClient.setQueryData(meQuery().queryKey, session);
      navigate(homeFor(session.user), { replace: true });
    } catch (err) {
      setError(errorMessage(t, err, 'login.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="card login-form" onSubmit={submit}>
        <div className="login-head">
          <h1>{t('app.name')}</h1>
          <LanguageSwitch />
        </div>
        <label>
          {t('login.email')}
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          {t('login.password')}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
