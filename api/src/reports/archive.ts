import type { Executor } from '@delight/db';
import { makeZip } from 'client-zip';
import { signOffOf } from '../bonus/approval-sign-off';
import type { BonusRow } from '../bonus/service';
import { bonusRows, figuresStatus } from '../bonus/service';
import type { Formatter } from '../i18n/format';
import { notFound } from '../lib/errors';
import type { Period } from '../lib/period';
import { dataAsOf } from './queries';
import { renderStatement } from './statement-pdf';

/** `statements-2026-Q1.zip` */
export const archiveFileName = (period: string) => `statements-${period}.zip`;

const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '_');

/** `statement-2026-Q1-E006.pdf`; a second id that sanitises to the same name gets `-2`. */
export function entryNamer(period: string): (employee: string) => string {
  const used = new Set<string>();
  return (employee) => {
    const base = `statement-${safe(period)}-${safe(employee)}`;
    let name = `${base}.pdf`;
    for (let i = 2; used.has(name); i++) name = `${base}-${i}.pdf`;
    used.add(name);
    return name;
  };
}

/**
 * Every statement of a period's run, one PDF per bonus row, as a ZIP stream. Rows come
 * a page at a time (the snapshot once closed, else computed now) and each PDF is made
 * only when the client has read the previous one (client-zip pulls its input lazily),
 * so memory stays flat however many employees there are. The first row is read before
 * the stream starts: a period with no row is a 404, not an empty archive.
 */
export async function statementsArchive(
  db: Executor,
  period: Period,
  fmt: Formatter,
  generatedAt: Date,
): Promise<ReadableStream<Uint8Array>> {
  const { state, rows } = await bonusRows(db, period, { kind: 'all' });
  const first = await rows.next();
  if (first.done) {
    await rows.return(undefined);
    throw notFound(`${period.key} has no bonus row (no plan for its kind, or nobody worked in it)`);
  }
  const asOf = await dataAsOf(db);
  const name = entryNamer(period.key);
  const lastModified = state.closed_at ? new Date(state.closed_at) : generatedAt;
  async function* entries() {
    try {
      let row: BonusRow | undefined = first.value;
      while (row) {
        const bytes = await renderStatement(
          {
            period,
            status: figuresStatus(state),
            closedAt: state.closed_at,
            signOff: signOffOf(state),
            row,
            dataAsOf: asOf,
          },
          fmt,
          generatedAt,
        );
        yield { name: name(row.employee), lastModified, input: bytes };
        const next = await rows.next();
        row = next.done ? undefined : next.value;
      }
    } finally {
      // a client that stops reading cancels the zip, which ends this generator: stop the rows too
      await rows.return(undefined);
    }
  }
  return makeZip(entries());
}
