import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { DomainError } from '@delight/api/lib/errors';
import { reportError } from '../exit-codes';

type Values<O extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ options: O; strict: true }>
>['values'];

/**
 * Runs a CLI command body with its flags parsed: a bad flag prints the usage, and a
 * domain error (bad period, unknown scope …) prints its message and exits by its code.
 */
export async function runCommand<O extends ParseArgsOptionsConfig>(
  args: string[],
  options: O,
  usage: string,
  body: (values: Values<O>) => Promise<number>,
): Promise<number> {
  let values: Values<O>;
  try {
    ({ values } = parseArgs({ args, options, strict: true, allowPositionals: false }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${usage}\n`);
    return 1;
  }
  try {
    return await body(values);
  } catch (err) {
    // a domain error exits by its code (scripts/src/exit-codes.ts); anything else is a bug
    if (err instanceof DomainError) return reportError(err);
    throw err;
  }
}

/** The JSON the API would answer, 2-space indented. */
export function printJson(value: unknown, out: NodeJS.WritableStream = process.stdout): number {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
  return 0;
}

export const PERIOD_HELP = 'P: 2026-03, 2026-Q1, 2026';
export const SCOPE_HELP = 'S: company, segment:ID, manager:ID, employee:ID';

/** Rows as aligned columns (the first row is the header), for list commands. */
export function formatTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map(
      (r) =>
        `${r
          .map((cell, i) => cell.padEnd(widths[i]!))
          .join('  ')
          .trimEnd()}\n`,
    )
    .join('');
}
