import { parseArgs } from 'node:util';
import { DomainError } from '@delight/api/lib/errors';
import { type Database, ROLES, type Role } from '@delight/db';
import { createApiToken, listApiTokens, revokeApiToken } from '../../../api/src/auth/tokens';
import { reportError } from '../exit-codes';
import { formatTable } from './run';

const USAGE = `usage: delight token create --role ROLE [--employee ID] [--name NAME] [--expires WHEN]
       delight token create --kind ingest [--name NAME] [--expires WHEN]
       delight token list
       delight token revoke ID
  ROLE: ${ROLES.join(', ')} (segment_manager and agent need --employee, an employee external id)
  ingest: a token that can only send data to POST /api/ingest/… and reads nothing
  WHEN: an ISO 8601 date or time (2027-01-01, 2027-01-01T12:00:00Z); the token stops working then`;

function usage(message: string): number {
  process.stderr.write(`${message}\n${USAGE}\n`);
  return 2;
}

/**
 * `pnpm delight token …`: API tokens for machine clients. Works on the database
 * directly (whoever runs it holds the database). `create` prints the token alone on
 * stdout, once — only its hash is stored — so that `$(pnpm -s delight token create …)`
 * captures it; the note about it goes to stderr.
 */
export async function tokenCommand(args: string[], database: Database): Promise<number> {
  const [sub, ...rest] = args;
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(rest);
  } catch (err) {
    return usage((err as Error).message);
  }
  const { values, positionals } = parsed;
  try {
    switch (sub) {
      case 'create': {
        if (positionals.length > 0) return usage(`Unexpected argument ${positionals[0]}`);
        const kind = values.kind ?? 'api';
        if (kind !== 'api' && kind !== 'ingest') return usage(`Unknown kind "${kind}"`);
        if (kind === 'api' && !values.role) return usage('--role is required');
        if (values.role && !(ROLES as readonly string[]).includes(values.role)) {
          return usage(`Unknown role "${values.role}"`);
        }
        const created = await createApiToken(database.db, {
          kind,
          ...(values.role ? { role: values.role as Role } : {}),
          ...(values.employee ? { employee: values.employee } : {}),
          ...(values.name ? { name: values.name } : {}),
          expiresAt: values.expires ?? null,
        });
        process.stdout.write(`${created.token}\n`);
        const what =
          created.kind === 'ingest'
            ? 'ingest only'
            : `role ${created.role}${created.employee ? `, employee ${created.employee}` : ''}`;
        process.stderr.write(
          `Created API token ${created.id} "${created.name}" (${what}` +
            `${created.expiresAt ? `, expires ${created.expiresAt}` : ''}). ` +
            'It is shown only this once; store it now.\n',
        );
        return 0;
      }
      case 'list': {
        if (positionals.length > 0 || Object.keys(values).length > 0) {
          return usage('list takes no arguments');
        }
        const rows = (await listApiTokens(database.db)).map((t) => [
          String(t.id),
          `${t.prefix}…`,
          t.kind === 'ingest' ? 'ingest' : t.role,
          t.employee ?? '-',
          t.name,
          t.createdAt,
          t.lastUsedAt ?? 'never',
          t.revokedAt
            ? `revoked ${t.revokedAt}`
            : t.expiresAt
              ? `${Date.parse(t.expiresAt) <= Date.now() ? 'expired' : 'expires'} ${t.expiresAt}`
              : 'active',
        ]);
        const header = [
          'id',
          'prefix',
          'role',
          'employee',
          'name',
          'created',
          'last used',
          'status',
        ];
        process.stdout.write(formatTable([header, ...rows]));
        return 0;
      }
      case 'revoke': {
        const id = Number(positionals[0]);
        if (positionals.length !== 1 || !Number.isInteger(id) || id <= 0) {
          return usage('revoke takes one token id (see `delight token list`)');
        }
        await revokeApiToken(database.db, id);
        process.stdout.write(`Revoked API token ${id}\n`);
        return 0;
      }
      default:
        return usage(sub ? `Unknown subcommand "${sub}"` : 'A subcommand is required');
    }
  } catch (err) {
    if (err instanceof DomainError) return reportError(err);
    throw err;
  }
}

function parse(args: string[]) {
  return parseArgs({
    args,
    options: {
      role: { type: 'string' },
      kind: { type: 'string' },
      expires: { type: 'string' },
      employee: { type: 'string' },
      name: { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
}
