import { useId } from 'react';
import {
  convertPeriod,
  type PeriodKind,
  periodChoices,
  periodKind,
  periodLabel,
  shiftPeriod,
} from '../lib/period';

/** Period kind + period, with previous/next steps. Writes to the URL through `onChange`. */
export function PeriodPicker({
  value,
  onChange,
  kinds = ['month', 'quarter', 'year'],
}: {
  value: string;
  onChange: (period: string) => void;
  kinds?: PeriodKind[];
}) {
  const id = useId();
  const kind = periodKind(value) ?? 'quarter';
  const choices = periodChoices(kind, value);
  if (!choices.includes(value)) choices.push(value);
  return (
    <fieldset className="picker period-picker">
      <legend className="sr-only">Period</legend>
      <label htmlFor={`${id}-kind`} className="sr-only">
        Period kind
      </label>
      <select
        id={`${id}-kind`}
        value={kind}
        onChange={(e) => onChange(convertPeriod(value, e.target.value as PeriodKind))}
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
        onClick={() => onChange(shiftPeriod(value, -1))}
      >
        ‹
      </button>
      <label htmlFor={`${id}-period`} className="sr-only">
        Period
      </label>
      <select
        id={`${id}-period`}
        data-testid="period-select"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {choices.map((p) => (
          <option key={p} value={p}>
            {periodLabel(p)}
          </option>
        ))}
      </select>
      <button
        type="button"
        aria-label="Next period"
        onClick={() => onChange(shiftPeriod(value, 1))}
      >
        ›
      </button>
    </fieldset>
  );
}
