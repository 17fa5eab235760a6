import { loadConfig } from '@delight/api';
import type { Database } from '@delight/db';
import { openDatabase } from './database';
import { reportError } from './exit-codes';

type Command = (args: string[], database: Database, reportingCurrency: string) => Promise<number>;

// Each command is loaded only when used, so `pnpm delight token …` does not pay for the rest.
const COMMANDS: Record<string, { usage: string; load: () => Promise<Command> }> = {
  migrate: {
    usage: 'migrate                             apply pending database migrations (then exit)',
    // opening the database applied them (under the advisory lock): say where it stands
    load: async () => async (_args, database) => {
      const status = await database.migrationStatus();
      console.log(
        `Database migrations: ${status.known - status.pending} of ${status.known} applied${status.pending ? '' : ' (up to date)'}`,
      );
      return status.pending === 0 ? 0 : 1;
    },
  },
  import: {
    usage: 'import DIR                          load a folder of import files',
    load: async () => (await import('./commands/import')).importCommand,
  },
  kpis: {
    usage: 'kpis --period P [--scope S]         KPIs as JSON (same as GET /api/kpis)',
    load: async () => (await import('./commands/kpis')).kpisCommand,
  },
  money: {
    usage: 'money --period P [--scope S]        money figures as JSON (same as GET /api/money)',
    load: async () => (await import('./commands/money')).moneyCommand,
  },
  bonus: {
    usage: 'bonus --period P [--csv]            bonus run as JSON, or the HR CSV',
    load: async () => {
      const { bonusCommand } = await import('./commands/bonus');
      return (args, database) => bonusCommand(args, database);
    },
  },
  token: {
    usage: 'token create --role ROLE [--employee ID] | list | revoke ID',
    load: async () => (await import('./commands/token')).tokenCommand,
  },
  backup: {
    usage: 'backup FILE                         a backup of the whole database (gzip)',
    load: async () => {
      const { backupCommand } = await import('./commands/backup');
      return (args, database) => backupCommand(args, database);
    },
  },
  restore: {
    usage: 'restore FILE                        restore a backup into an empty database',
    load: async () => {
      const { restoreCommand } = await import('./commands/backup');
      return (args, database) => restoreCommand(args, database);
    },
  },
  user: {
    usage:
      'user create --email E --role ROLE [--employee ID] | list | disable ID | enable ID | unlock ID',
    load: async () => (await import('./commands/user')).userCommand,
  },
};

function usage(): string {
  return [
    'usage: pnpm delight <command> …',
    ...Object.values(COMMANDS).map((c) => `  ${c.usage}`),
    '',
    'Works on the database directly: DATABASE_URL, else the PGlite folder DELIGHT_DATA_DIR (default .data/pglite).',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`Unknown command "${name}"\n${usage()}`);
    return 2;
  }
  const config = loadConfig();
  const run = await command.load();
  // `migrate` migrates even where the servers are told not to (DELIGHT_MIGRATE=0)
  const database = await openDatabase(name === 'migrate' ? { ...config, migrate: true } : config);
  try {
    return await run(args, database, config.reportingCurrency);
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  // a domain error exits by its code (bad data 1, try again 75 …), anything else 70
  (err: unknown) => {
    process.exitCode = reportError(err);
  },
);
