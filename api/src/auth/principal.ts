import type { Role } from '@delight/db';
import type { Locale } from '../i18n/locales';

/** Who is calling: a signed-in user (session cookie) or a machine client (API token). */
export interface Principal {
  kind: 'session' | 'token';
  /** users.id for a session, api_tokens.id for a token */
  id: number;
  /** shown in the audit log, e.g. `user:anna@…` or `token:ingest` */
  label: string;
  role: Role;
  employeeId: number | null;
  employeeExternalId: string | null;
  /** a signed-in user's chosen language (users.locale); tokens have none */
  locale?: Locale | null;
  /** an ingest token: may only send data (POST /api/ingest/*) */
  ingestOnly?: boolean;
}
