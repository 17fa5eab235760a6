import { useId } from 'react';
import type { MessageId } from '../i18n/catalogs';
import { useT } from '../i18n/useT';
import {
  convertPeriod,
  minPeriod,
  type PeriodKind,
  periodChoices,
  periodKind,
  periodLabel,
  periodOf,
  periodPhase,
  shiftPeriod,
  todayUtc,
  tryParsePeriod,
} from '../lib/period';

const KIND_LABEL: Record<PeriodKind, MessageId> = {
  month: 'period.kind.month',
  quarter: 'period.kind.quarter',
  year: 'period.kind.year',
};

/**
 * Period kind + period, with previous/next steps. Writes to the URL through `onChange`.
 * Offers the running period and earlier ones only: a period that has not started has
 * no figures. A period in the URL that is not one (2026-Q7), or has not started, is
 * said so beside the picker, with a way back to the running period, instead of
 * quietly showing another period.
 */
export function PeriodPicker({
  value,
  onChange,
  kinds = ['month', 'quarter', 'year'],
  today = todayUtc(),
}: {
  value: string;
  onChange: (period: string) => void;
  kinds?: PeriodKind[];
  /** UTC date the choices end at (tests) */
  today?: string;
}) {
  const t = useT();
  const id = useId();
  const parsed = tryParsePeriod(value);
  const future = parsed !== null && periodPhase(parsed, today) === 'not_started';
  const kind = periodKind(value) ?? 'quarter';
  const current = periodOf(kind, today);
  // an invalid or future value is shown as the running period in the controls
  const shown = parsed === null || future ? current : value;
  const choices = periodChoices(kind, today);
  if (!choices.includes(shown)) choices.push(shown);
  const atNewest = shown === current;
  return (
    <fieldset className="picker period-picker">
      <legend className="sr-only">{t('period.legend')}</legend>
      <label htmlFor={`${id}-kind`} className="sr-only">
        {t('period.kindLabel')}
      </label>
      <select
        id={`${id}-kind`}
        value={kind}
        onChange={(e) => {
          const next = e.target.value as PeriodKind;
          onChange(minPeriod(convertPeriod(shown, next), periodOf(next, today)));
        }}
      >
        {kinds.map((k) => (
          <option key={k} value={k}>
            {t(KIND_LABEL[k])}
          </option>
        ))}
      </select>
      <button
        type="button"
        aria-label={t('period.previous')}
        onClick={() => onChange(shiftPeriod(shown, -1))}
      >
        ‹
      </button>
      <label htmlFor={`${id}-period`} className="sr-only">
        {t('period.legend')}
      </label>
      <select
        id={`${id}-period`}
        data-testid="period-select"
        value={shown}
        onChange={(e) => onChange(e.target.value)}
      >
        {choices.map((p) => (
          <option key={p} value={p}>
            {p === current ? t('period.running', { period: periodLabel(p) }) : periodLabel(p)}
          </option>
        ))}
      </select>
      <button
        type="button"
        aria-label={t('period.next')}
        disabled={atNewest}
        title={atNewest ? t('period.laterNotStarted') : undefined}
        onClick={() => onChange(shiftPeriod(shown, 1))}
      >
        ›
      </button>
      {(parsed === null || future) && (
        <p className="form-error period-error" role="alert" data-testid="period-error">
          {parsed === null
            ? t('period.invalid', { value })
            : t('period.notStarted', { period: periodLabel(value) })}{' '}
          <button type="button" className="link" onClick={() => onChange(current)}>
            {t('period.showCurrent', { period: periodLabel(current) })}
          </button>
        </p>
      )}
    </fieldset>
  );
}
