import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN_DIR } from '../src/golden';

/**
 * The golden set is published outside this repository (computed independently from the
 * product model); the copy in test/fixtures/golden must stay byte for byte the published
 * one. The hashes are pinned here, not beside the files, so that editing a fixture to make
 * a test pass fails this test instead.
 */
const PINNED: Record<string, string> = {
  'assumptions.json': '875f30c573d9b6cc042a6c81bdb28dbf1ae89cbc8e9bdc5b14c11668b5d62179',
  'complaints.csv': '05aaae2984e0be3993946354def5c52e97df61c0d75bbfe4a40c07af08f7de19',
  'customers.csv': 'dfa166d5008f10efa1f0572f81bb0bfb5a67eed57117cb2010f4b0a511ac916a',
  'edge_cases.json': '6b38ca3b741b763f764ea2e590341c63cca818c76cc25a9e40f06ec5b7571071',
  'employees.csv': '63f4823198c8c2beeef8995eba794933f578723b19c12e6e4dd44126cef94c13',
  'expected.json': '3deecd4c98920ca207e7834858f0d12008e072f09fbaac6cffc657489be90716',
  'expected_hr_2026-Q1.csv': '4de66e34536babfec4cf284d2204e67c801f48c990bdc0a3aa92a74159a23a1b',
  'expected_hr_2026-Q2.csv': '13795d64f4899af188995d7389eb6f01c184d06f90af2ce11c84e2189f56edfd',
  'fx_rates.csv': '66d1a6a28a272cb0a4b5195a03aa59ac8d994982a5432af13dcb6a025834228e',
  'plans.json': 'ea9da7801e82ec06ba53c50399ff0c7702bce8357119c8fdf8f71de65780d1a6',
  'recovery_actions.csv': 'dd6b3a1a8e1665a233d796dba7e28a7452d338cfda1f6663f01a50f0031aced7',
  'responses.csv': '89a79aa892fbd5f97a70646971732e238f7156be824bb6d220146a069a5b8c01',
  'revenue.csv': 'b7d4725f1d4fbaff37fd8f28b2fe2f6b8e9764dd08842c69a5925f060df1cebe',
  'segments.csv': 'd3be2094e3112118c5979dcd344090d13d19c3a615b5ea4466dc28daeb0d1c23',
};

describe('golden fixtures', () => {
  it('are exactly the pinned files, byte for byte', () => {
    const present = readdirSync(GOLDEN_DIR).sort();
    expect(present).toEqual(Object.keys(PINNED).sort());
    for (const name of present) {
      const hash = createHash('sha256')
        .update(readFileSync(join(GOLDEN_DIR, name)))
        .digest('hex');
      expect({ name, hash }).toEqual({ name, hash: PINNED[name] });
    }
  });
});
