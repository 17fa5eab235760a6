import type { MessageId } from '../i18n/catalogs';
import type { Translate } from '../i18n/useT';
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
export const PAGE_NAME: Record<string, MessageId> = {
  '/overview': 'nav.overview',
  '/segments': 'nav.segments',
  '/scorecard': 'nav.scorecard',
  '/hr': 'nav.hr',
  '/signals': 'nav.signals',
  '/admin': 'nav.admin',
  '/drilldown': 'access.page.drilldown',
  '/account': 'access.page.account',
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

const ROLE_NAME: Record<Role, MessageId> = {
  admin: 'access.role.admin',
  executive: 'access.role.executive',
  hr: 'access.role.hr',
  segment_manager: 'access.role.segment_manager',
  agent: 'access.role.agent',
};

/** A role in the reader's language (an unknown one as it is). */
const isRole = (role: string): role is Role => Object.hasOwn(ROLE_NAME, role);
export const roleName = (t: Translate, role: string): string =>
  isRole(role) ? t(ROLE_NAME[role]) : role.replaceAll('_', ' ');
