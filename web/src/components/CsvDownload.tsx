import { useId, useState } from 'react';
import { downloadUrl } from '../api/client';
import { useT } from '../i18n/useT';
import { userLocale } from '../lib/format';

export type CsvFormat = 'comma' | 'semicolon';

/**
 * The format a spreadsheet in this locale opens without an import dialog: where the
 * decimal mark is a comma (lv, ru, uk, bg, most of Europe) the list separator is `;`.
 */
export function defaultCsvFormat(locale: string): CsvFormat {
  const decimal = new Intl.NumberFormat(locale)
    .formatToParts(1.5)
    .find((p) => p.type === 'decimal')?.value;
  return decimal === ',' ? 'semicolon' : 'comma';
}

/** GET /api/bonus/export.csv of a period, in the chosen format (the spec's comma format by default). */
export const csvUrl = (period: string, format: CsvFormat): string =>
  downloadUrl('/api/bonus/export.csv', {
    period,
    ...(format === 'semicolon' ? { delimiter: 'semicolon', decimal: 'comma' } : {}),
  });

/** The HR CSV download with its format, defaulted from the reader's locale. */
export function CsvDownload({ period }: { period: string }) {
  const t = useT();
  const id = useId();
  const [format, setFormat] = useState<CsvFormat>(() => defaultCsvFormat(userLocale()));
  return (
    <span className="csv-download">
      <label htmlFor={id} className="sr-only">
        {t('csv.format')}
      </label>
      <select
        id={id}
        data-testid="csv-format"
        value={format}
        onChange={(e) => setFormat(e.target.value === 'semicolon' ? 'semicolon' : 'comma')}
      >
        <option value="comma">{t('csv.format.comma')}</option>
        <option value="semicolon">{t('csv.format.semicolon')}</option>
      </select>
      <a className="button" href={csvUrl(period, format)} download data-testid="csv-download">
        {t('csv.download')}
      </a>
    </span>
  );
}
