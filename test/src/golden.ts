import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ImportResult, importDirectory } from '@delight/api/import';
import type { Database } from '@delight/db';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The golden dataset: inputs and `expected.json`, computed independently from the product
 * model. An in-repository copy, pinned by `test/fixtures/golden/SHA256SUMS` (checked by
 * golden-checksum.test.ts), so a fresh clone tests against exactly the published set.
 */
export const GOLDEN_DIR = resolve(repoRoot, 'test/fixtures/golden');

/** Imports the whole golden set into a database. */
export function importGolden(database: Database): Promise<ImportResult> {
  return importDirectory(database.db, GOLDEN_DIR, { actor: 'test', reportingCurrency: 'EUR' });
}

export type GoldenExpected = Record<string, Record<string, unknown>> & {
  _meta: { periods: string[]; reporting_currency: string; assumptions: Record<string, unknown> };
};

/** expected.json, computed independently from DESIGN.md. */
export function goldenExpected(): GoldenExpected {
  return JSON.parse(readFileSync(resolve(GOLDEN_DIR, 'expected.json'), 'utf8')) as GoldenExpected;
}

export function goldenFile(name: string): string {
  return readFileSync(resolve(GOLDEN_DIR, name), 'utf8');
}
