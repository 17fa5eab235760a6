import { errorCode, rootCause } from '@delight/db';
import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

/**
 * Keys that may hold a secret wherever they appear in a logged object: pino replaces
 * their values. Request logs never include bodies or headers in the first place; this
 * is the second line, for an object someone logs later.
 */
const SECRET_KEYS = [
  'password',
  'currentPassword',
  'newPassword',
  'token',
  'csrfToken',
  'authorization',
  'cookie',
  'set-cookie',
  'passwordHash',
  'password_hash',
  'tokenHash',
  'token_hash',
  'secret',
];
const REDACT = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  ...SECRET_KEYS.map((k) => `*.*.${k}`),
].map((p) => (p.includes('-') ? p.replace(/([\w*]+\.)?([\w-]+)$/, '$1["$2"]') : p));

/**
 * An error as a log field: its type, SQLSTATE and the driver's message, the query
 * text without its parameters (drizzle's DrizzleQueryError puts the parameter values
 * in its message, and those can be password or token hashes), and the stack.
 */
export function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const root = rootCause(err);
  const query = (err as { query?: unknown }).query;
  return {
    type: err.name,
    message: root instanceof Error ? root.message : err.message,
    ...(errorCode(err) ? { code: errorCode(err) } : {}),
    ...(typeof query === 'string' ? { query: query.slice(0, 500) } : {}),
    ...(root instanceof Error && root !== err ? { cause: root.name } : {}),
    stack: (root instanceof Error ? root : err).stack,
  };
}

export interface LoggerOptions {
  level?: string;
  /** where the JSON lines go (default stdout) */
  destination?: DestinationStream;
}

/** JSON lines: time (ISO), level (name), msg and fields; one per request and per event. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: serializeError },
      redact: { paths: REDACT, censor: '[redacted]' },
    },
    // synchronous by default: lines keep their order with the start banner, and the
    // last ones before process.exit are not lost
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** For apps built without a logger (tests, the CLI): says nothing. */
export const silentLogger = (): Logger => pino({ level: 'silent' });
