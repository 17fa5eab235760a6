import { useId } from 'react';
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
      <legend className="sr-only">Period</legend>
      <label htmlFor={`${id}-kind`} className="sr-only">
        Period kind
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
            {k[0]!.toUpperCase() + k.slice(1)}
          </option>
        ))}
      </select>
      <button
        type="button"
        aria-label="Previous period"
        onClick={() => onChange(shiftPeriod(shown, -1))}
      >
        ‹
      </button>
      <label htmlFor={`${id}-period`} className="sr-only">
        Period
      </label>
      <select
        id={`${id}-period`}
        data-testid="period-select"
        value={shown}
        onChange={(e) => onChange(e.target.value)}
      >
        {choices.map((p) => (
          <option key={p} value={p}>
            {periodLabel(p)}
            {p === current ? ' (running)' : ''}
          </option>
        ))}
      </select>
      <button
        type="button"
        aria-label="Next period"
        disabled={atNewest}
        title={atNewest ? 'Later periods have not started yet' : undefined}
        onClick={() => onChange(shiftPeriod(shown, 1))}
      >
        ›
      </button>
      {(parsed === null || future) && (
        <p className="form-error period-error" role="alert" data-testid="period-error">
          {parsed === null
            ? `“${value}” is not a period (a month like 2026-03, a quarter like 2026-Q1, or a year).`
            : `${periodLabel(value)} has not started yet, so it has no figures.`}{' '}
          <button type="button" className="link" onClick={() => onChange(current)}>
            Show {periodLabel(current)}
          </button>
        </p>
      )}
    </fieldset>
  );
}
