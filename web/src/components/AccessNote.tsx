import { useLocation } from 'wouter';
import { useT } from '../i18n/useT';
import { PAGE_NAME } from '../lib/access';

/** What a redirect to the home page carries when a page was not open to the role: its path. */
export interface DeniedState {
  denied: string;
}

function deniedPage(): string | null {
  const state: unknown = typeof window === 'undefined' ? null : window.history.state;
  if (state && typeof state === 'object' && 'denied' in state && typeof state.denied === 'string')
    return state.denied;
  return null;
}

/**
 * The short note on the home page after a redirect from a page the role cannot use. It
 * lives in the history entry's state, so it goes away with the next navigation.
 */
export function AccessNote() {
  useLocation(); // re-read the history state on every navigation
  const t = useT();
  const path = deniedPage();
  const name = path ? PAGE_NAME[path] : undefined;
  if (!name) return null;
  return (
    <p className="note" role="status" data-testid="access-note">
      {t('access.note', { page: t(name) })}
    </p>
  );
}
