import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { errorMessage } from './errors';
import { intlLocale, pickLocale } from './locales';
import type { Translate } from './useT';

describe('the language of a first visit', () => {
  it('is the first language of the browser’s list that has a catalog', () => {
    expect(pickLocale(['lv-LV', 'lv', 'en-US'])).toBe('lv');
    expect(pickLocale(['de-DE', 'uk-UA', 'ru'])).toBe('uk');
    expect(pickLocale(['BG'])).toBe('bg');
    expect(pickLocale(['de', 'fr'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });

  it('formats with the browser’s own region for that language, else the language alone', () => {
    expect(intlLocale('lv', ['lv-LV', 'en-US'])).toBe('lv-LV');
    expect(intlLocale('en', ['lv-LV', 'en-GB'])).toBe('en-GB');
    expect(intlLocale('uk', ['lv-LV', 'en-GB'])).toBe('uk');
    expect(intlLocale('en-XA', ['lv-LV', 'en-US'])).toBe('en-US');
  });
});

describe('API errors in the reader’s words', () => {
  // a stand-in catalog that shows which message and values were asked for
  const t: Translate = (id, values) => `${id}${values?.minutes ? ` ${values.minutes}` : ''}`;

  it('a code the catalog knows reads from the catalog; another code reads the API’s sentence', () => {
    expect(
      errorMessage(t, new ApiError(401, 'invalid_credentials', 'Wrong email or password')),
    ).toBe('error.invalid_credentials');
    expect(errorMessage(t, new ApiError(429, 'rate_limited', 'Too many', { retryAfter: 61 }))).toBe(
      'error.rate_limited 2',
    );
    expect(errorMessage(t, new ApiError(404, 'not_found', 'No snapshot for 2026-Q1'))).toBe(
      'No snapshot for 2026-Q1',
    );
    expect(errorMessage(t, new ApiError(502, 'http_502', 'Request failed (502)'))).toBe(
      'error.internal',
    );
  });

  it('no answer at all is the network message; anything else the fallback', () => {
    expect(errorMessage(t, new TypeError('Failed to fetch'))).toBe('error.network');
    expect(errorMessage(t, new Error('boom'), 'login.failed')).toBe('login.failed');
  });
});
