import type { Database } from '@delight/db';
import type { RequestIdVariables } from 'hono/request-id';
import type { Principal } from './auth/principal';
import type { Logger } from './observability/logger';
import type { Metrics } from './observability/metrics';

export interface AppDeps {
  database: Database;
  /** Reporting currency of money figures (a setting, default EUR). */
  reportingCurrency?: string;
  /** Mark session cookies Secure (behind HTTPS). */
  secureCookies?: boolean;
  sessionTtlHours?: number;
  /** JSON logs (default: silent) */
  logger?: Logger;
  /** Prometheus metrics (default: a registry of this app's own) */
  metrics?: Metrics;
  /**
   * Proxies (addresses, CIDRs, or loopback / linklocal / uniquelocal) whose
   * X-Forwarded-For is believed; the client address is the first hop from the right
   * that is not one of them. Empty (default): the socket's peer, the header ignored.
   */
  trustedProxies?: string[];
  /** GET /metrics: off (404) unless enabled; with a token it needs `Authorization: Bearer TOKEN` */
  metricsAccess?: { enabled: boolean; token?: string | undefined };
  /** Today's UTC date `YYYY-MM-DD` (periods that have not started are refused); injectable for tests. */
  today?: () => string;
  /** The clock in ms (webhook replay windows); injectable for tests. */
  now?: () => number;
}

export type ResolvedDeps = Required<AppDeps> & {
  /** proxy-addr's compiled trust check of `trustedProxies` */
  isTrustedProxy: (address: string, hop: number) => boolean;
};

export interface AppEnv {
  Variables: RequestIdVariables & {
    deps: ResolvedDeps;
    principal: Principal;
  };
}
