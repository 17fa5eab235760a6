import { RetryLater } from '@delight/api/import';
import { DomainError, ERROR_CODES } from '@delight/api/lib/errors';
import { HTTP_STATUS } from '@delight/api/lib/http-errors';
import { PeriodError } from '@delight/api/lib/period';
import { describe, expect, it } from 'vitest';
import { EXIT_CODE, exitCodeOf } from './exit-codes';

describe('CLI exit codes of the domain errors', () => {
  it('agree with the HTTP adapter: retry later 75, credential 77, a bug 70, any other refusal 1', () => {
    for (const code of ERROR_CODES) {
      const status = HTTP_STATUS[code];
      const expected =
        status === 503 || status === 429
          ? 75
          : status === 401 || status === 403
            ? 77
            : status >= 500
              ? 70
              : 1;
      expect(EXIT_CODE[code], `${code} (HTTP ${status})`).toBe(expected);
    }
  });

  it('maps what commands throw', () => {
    expect(exitCodeOf(new PeriodError('invalid_period', 'not a period'))).toBe(1);
    expect(exitCodeOf(new RetryLater('busy', 'other imports are being written', 5))).toBe(75);
    expect(exitCodeOf(new DomainError('forbidden', 'no'))).toBe(77);
    expect(exitCodeOf(new Error('a bug'))).toBe(70);
    expect(exitCodeOf('not even an error')).toBe(70);
  });
});
