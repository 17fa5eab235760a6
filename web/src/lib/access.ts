import type { Role } from '../queries/auth';

/**
 * Which dashboard page each role can use (docs/access.md, "Roles × data"). The API checks
 * every answer on its own; this only keeps a role away from pages that would show it
 * nothing but refusals: such a page is not in its navigation, and opening it by URL
 * leads to the role's home with a short note.
 */
export const PAGE_ROLES: Record<string, Role[]> = {
  '/overview': ['executive', 'admin'],
  '/segments': ['segment_manager', 'admin'],
  '/scorecard': ['agent', 'segment_manager'],
  '/hr': ['hr', 'admin', 'executive'],
  '/signals': ['hr', 'segment_manager', 'admin'],
  '/admin': ['admin'],
  '/drilldown': ['executive', 'admin', 'segment_manager'],
  '/account': ['admin', 'executive', 'hr', 'segment_manager', 'agent'],
};

/** Pages opened for one employee (`?employee=E…`): HR and admin read anyone's statement. */
const FOR_EMPLOYEE: Record<string, Role[]> = {
  '/scorecard': ['hr', 'admin'],
};

/** Names of the pages, for the note shown when one is not open to the role. */
export const PAGE_NAME: Record<string, string> = {
  '/overview': 'Overview',
  '/segments': 'My segments',
  '/scorecard': 'Scorecard',
  '/hr': 'Bonus & HR',
  '/signals': 'Signals',
  '/admin': 'Admin',
  '/drilldown': 'Drill-down',
  '/account': 'Account',
};

/** The page part of a location: "/hr/anything" → "/hr". */
export const pageOf = (location: string): string => `/${location.split('/')[1] ?? ''}`;

/** Whether the role can use the page at `location` (with the URL's query). */
export function canOpen(role: Role, location: string, search = ''): boolean {
  const page = pageOf(location);
  if (PAGE_ROLES[page]?.includes(role)) return true;
  const employee = new URLSearchParams(search).get('employee');
  return Boolean(employee && FOR_EMPLOYEE[page]?.includes(role));
}

/** Roles in words. */
export const ROLE_LABEL: Record<string, string> = {
  admin: 'admin',
  executive: 'executive',
  hr: 'HR',
  segment_manager: 'segment manager',
  agent: 'agent',
};

export const roleLabel = (role: string): string => ROLE_LABEL[role] ?? role.replaceAll('_', ' ');
