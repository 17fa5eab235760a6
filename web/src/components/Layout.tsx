import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import type { MessageId } from '../i18n/catalogs';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { useT } from '../i18n/useT';
import { canOpen } from '../lib/access';
import { logout, type Role, type SessionUser } from '../queries/auth';

// `roles` is the page's audience for reading; what decides is lib/access.ts (canOpen)
const NAV: { path: string; label: MessageId; roles: Role[] }[] = [
  { path: '/overview', label: 'nav.overview', roles: ['executive', 'admin'] },
  { path: '/segments', label: 'nav.segments', roles: ['segment_manager', 'admin'] },
  { path: '/scorecard', label: 'nav.scorecard', roles: ['agent', 'segment_manager'] },
  { path: '/hr', label: 'nav.hr', roles: ['hr', 'admin', 'executive'] },
  { path: '/signals', label: 'nav.signals', roles: ['hr', 'segment_manager', 'admin'] },
  { path: '/cases', label: 'nav.cases', roles: ['segment_manager', 'agent', 'admin'] },
  { path: '/recovery', label: 'nav.recovery', roles: ['executive', 'segment_manager', 'admin'] },
  { path: '/admin', label: 'nav.admin', roles: ['admin'] },
];

/** Header with the role's pages; the period and scope travel from page to page. */
export function Layout({ user, children }: { user: SessionUser; children: ReactNode }) {
  const t = useT();
  const [location, navigate] = useLocation();
  const search = useSearch();
  const queryClient = useQueryClient();
  const params = new URLSearchParams(search);
  const carry = params.get('period') ? `?period=${encodeURIComponent(params.get('period')!)}` : '';
  const signOut = async () => {
    try {
      await logout();
    } finally {
      queryClient.clear();
      navigate('/login', { replace: true });
    }
  };
  return (
    <div className="app">
      <header className="topbar">
        <a className="brand" href="/">
          {t('app.name')}
        </a>
        <nav aria-label={t('nav.label')}>
          {NAV.filter((n) => canOpen(user.role, n.path)).map((n) => (
            <Link
              key={n.path}
              href={`${n.path}${carry}`}
              className={location.startsWith(n.path) ? 'active' : ''}
              aria-current={location.startsWith(n.path) ? 'page' : undefined}
            >
              {t(n.label)}
            </Link>
          ))}
        </nav>
        <div className="who">
          <LanguageSwitch />
          {user.email ? (
            <Link
              href="/account"
              title={t('layout.account', { email: user.email })}
              translate="no"
              aria-current={location.startsWith('/account') ? 'page' : undefined}
            >
              {user.name ?? user.email}
            </Link>
          ) : (
            <span translate="no">{user.name}</span>
          )}
          <button type="button" className="link-button" onClick={signOut}>
            {t('layout.signOut')}
          </button>
        </div>
      </header>
      <main>{children}</main>
    </div>
  );
}
