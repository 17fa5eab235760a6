import {
  CLI_ACTOR,
  createUserAudited,
  listUsers,
  MIN_PASSWORD_LENGTH,
  unlockUser,
  updateUser,
} from '@delight/api/auth';
import { type Database, ROLES, type Role } from '@delight/db';
import { formatTable, runCommand } from './run';

const USAGE = `usage: delight user create --email E --role ROLE [--employee ID]
       delight user list
       delight user disable ID | enable ID
       delight user unlock ID     lift the sign-in throttle (forget the failed attempts)
  ROLE: ${ROLES.join(', ')} (segment_manager and agent need --employee, an employee external id)
  The password comes from DELIGHT_PASSWORD or, in a terminal, a prompt (never a flag,
  so it stays out of the shell history).`;

function usage(message: string): number {
  process.stderr.write(`${message}\n${USAGE}\n`);
  return 2;
}

/**
 * `pnpm delight user …`: sign-in users, on the database directly (whoever runs it
 * holds the database). Changes are audited with the actor `cli`.
 */
export async function userCommand(args: string[], database: Database): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'create':
      return runCommand(
        rest,
        {
          email: { type: 'string' },
          role: { type: 'string' },
          employee: { type: 'string' },
        },
        USAGE,
        async (v) => {
          if (!v.email) return usage('--email is required');
          if (!v.role) return usage('--role is required');
          if (!(ROLES as readonly string[]).includes(v.role)) {
            return usage(`Unknown role "${v.role}"`);
          }
          const password = await readPassword();
          if (password === null) {
            process.stderr.write(
              'Set DELIGHT_PASSWORD, or run this in a terminal to be asked for the password.\n',
            );
            return 1;
          }
          const user = await createUserAudited(database.db, CLI_ACTOR.label, {
            email: v.email,
            password,
            role: v.role as Role,
            employee: v.employee ?? null,
          });
          process.stdout.write(
            `Created user ${user.id} ${user.email} (role ${user.role}` +
              `${user.employee ? `, employee ${user.employee.id}` : ''})\n`,
          );
          return 0;
        },
      );
    case 'list':
      return runCommand(rest, {}, USAGE, async () => {
        const rows = (await listUsers(database.db)).map((u) => [
          String(u.id),
          u.email,
          u.role,
          u.employee ? `${u.employee.id} ${u.employee.name}` : '-',
          u.disabled ? 'disabled' : 'active',
          u.createdAt,
          String(u.activeSessions),
          String(u.failedSignIns),
        ]);
        const header = [
          'id',
          'email',
          'role',
          'employee',
          'status',
          'created',
          'sessions',
          'failed sign-ins (24 h)',
        ];
        process.stdout.write(formatTable([header, ...rows]));
        return 0;
      });
    case 'disable':
    case 'enable': {
      const [idText, ...more] = rest;
      const id = Number(idText);
      if (!idText || !Number.isInteger(id) || id <= 0) {
        return usage(`${sub} takes one user id (see \`delight user list\`)`);
      }
      return runCommand(more, {}, USAGE, async () => {
        const user = await updateUser(database.db, CLI_ACTOR, id, { disabled: sub === 'disable' });
        process.stdout.write(
          sub === 'disable'
            ? `Disabled user ${id} ${user.email}; ended ${user.sessionsEnded} session(s)\n`
            : `Enabled user ${id} ${user.email}\n`,
        );
        return 0;
      });
    }
    case 'unlock': {
      const [idText, ...more] = rest;
      const id = Number(idText);
      if (!idText || !Number.isInteger(id) || id <= 0) {
        return usage('unlock takes one user id (see `delight user list`)');
      }
      return runCommand(more, {}, USAGE, async () => {
        const user = await unlockUser(database.db, CLI_ACTOR, id);
        process.stdout.write(
          `Unlocked user ${id} ${user.email}: forgot ${user.cleared} failed sign-in(s); they can sign in now\n`,
        );
        return 0;
      });
    }
    default:
      return usage(sub ? `Unknown subcommand "${sub}"` : 'A subcommand is required');
  }
}

/** DELIGHT_PASSWORD, else a prompt (typed twice) when stdin is a terminal, else null. */
async function readPassword(): Promise<string | null> {
  const fromEnv = process.env.DELIGHT_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) return null;
  for (;;) {
    const first = await readHidden('Password: ');
    if (first.length < MIN_PASSWORD_LENGTH) {
      process.stderr.write(`A password needs at least ${MIN_PASSWORD_LENGTH} characters\n`);
      continue;
    }
    if ((await readHidden('Again: ')) === first) return first;
    process.stderr.write('The two passwords differ; try again\n');
  }
}

/** Reads one line from the terminal in raw mode, so nothing typed is echoed. */
function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new Error('Cancelled'));
          return;
        }
        // Backspace/Delete remove the last character (a whole code point).
        if (ch === '\u007f' || ch === '\b') value = Array.from(value).slice(0, -1).join('');
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}
