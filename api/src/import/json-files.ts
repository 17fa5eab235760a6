import type { z } from 'zod';
import { assumptionsFileSchema } from '../assumptions/schema';
import { type Plan, plansFileSchema } from '../plans/schema';
import type { JsonFileName } from './files';
import type { ProblemList } from './problems';
import { type FileContent, readText } from './source';

export type AssumptionsFile = z.infer<typeof assumptionsFileSchema>;

interface Schema<T> {
  safeParse(
    v: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

async function parseJsonFile<T>(
  name: JsonFileName,
  content: FileContent | undefined,
  schema: Schema<T>,
  problems: ProblemList,
): Promise<T | null> {
  if (content === undefined) return null;
  const report = (column: string | null, message: string) =>
    problems.add({ file: name, line: null, column, message });
  let value: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(await readText(content));
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    report(null, `is not valid JSON: ${(err as Error).message}`);
    return null;
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    report(path || null, `${path || 'file'}: ${issue.message}`);
  }
  return null;
}

export const parsePlansFile = (content: FileContent | undefined, problems: ProblemList) =>
  parseJsonFile<{ plans: Plan[] }>('plans.json', content, plansFileSchema, problems);

export const parseAssumptionsFile = (content: FileContent | undefined, problems: ProblemList) =>
  parseJsonFile<AssumptionsFile>('assumptions.json', content, assumptionsFileSchema, problems);
