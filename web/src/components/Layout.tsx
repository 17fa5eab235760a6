import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { canOpen } from '../lib/access';
import { logout, type Role, type SessionUser } from '../queries/auth';

// `roles` is the page's audience for reading; what decides is lib/access.ts (canOpen)
const NAV: { path: string; label: string; roles: Role[] }[] = [
  { path: '/overview', label: 'Overview', roles: ['executive', 'admin'] },
  { path: '/segments', label: 'My segments', roles: ['segment_manager', 'admin'] },
  { path: '/scorecard', label: 'Scorecard', roles: ['agent', 'segment_manager'] },
  { path: '/hr', label: 'Bonus & HR', roles: ['hr', 'admin', 'executive'] },
  { path: '/signals', label: 'Signals', roles: ['hr', 'segment_manager', 'admin'] },
  { path: '/admin', label: 'Admin', roles: ['admin'] },
];

/** Header with the role's pages; the period and scope travel from page to page. */
export function Layout({ user, children }: { user: SessionUser; children: ReactNode }) {
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
          Delight Ledger
        </a>
        <nav aria-label="Pages">
          {NAV.filter((n) => canOpen(user.role, n.path)).map((n) => (
            <Link
              key={n.path}
              href={`${n.path}${carry}`}
              className={location.startsWith(n.path) ? 'active' : ''}
              aria-current={location.startsWith(n.path) ? 'page' : undefined}
            >
              {n.label}
            </Link>
          ))}
        </nav>
        <div className="who">
          {user.email ? (
            <Link
              href="/account"
              title={`${user.email}: your account and password`}
              aria-current={location.startsWith('/account') ? 'page' : undefined}
            >
              {user.name ?? user.email}
            </Link>
          ) : (
            <span>{user.name}</span>
          )}
          <button type="button" className="link-button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main>{children}</main>
    </div>
  );
}
