import type { Database } from '@delight/db';
import type { Principal } from './auth/principal';

export interface AppDeps {
  database: Database;
  /** Reporting currency of money figures (a setting, default EUR). */
  reportingCurrency?: string;
  /** Mark session cookies Secure (behind HTTPS). */
  secureCookies?: boolean;
  sessionTtlHours?: number;
}

export interface AppEnv {
  Variables: {
    deps: Required<AppDeps>;
    principal: Principal;
  };
}
