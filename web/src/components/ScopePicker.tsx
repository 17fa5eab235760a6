import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useT } from '../i18n/useT';
import { breakdownQuery } from '../queries/kpis';

/**
 * Company, a segment or a segment manager. The choices come from the breakdowns of the
 * period (the same queries the overview draws, so no extra request), which also means
 * the API decides what this user may pick.
 */
export function ScopePicker({
  period,
  value,
  onChange,
  allowCompany = true,
}: {
  period: string;
  value: string;
  onChange: (scope: string) => void;
  allowCompany?: boolean;
}) {
  const t = useT();
  const id = useId();
  const segments = useQuery(breakdownQuery(period, 'segment'));
  const managers = useQuery(breakdownQuery(period, 'manager'));
  const segmentRows = segments.data?.rows ?? [];
  const managerRows = managers.data?.rows ?? [];
  const known = new Set([
    'company',
    ...segmentRows.map((r) => `segment:${r.id}`),
    ...managerRows.map((r) => `manager:${r.id}`),
  ]);
  return (
    <div className="picker scope-picker">
      <label htmlFor={id} className="sr-only">
        {t('scope.label')}
      </label>
      <select
        id={id}
        data-testid="scope-select"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {allowCompany && <option value="company">{t('scope.company')}</option>}
        {!known.has(value) && (
          <option value={value} translate="no">
            {value}
          </option>
        )}
        {segmentRows.length > 0 && (
          <optgroup label={t('scope.segments')}>
            {segmentRows.map((r) => (
              <option key={r.id} value={`segment:${r.id}`} translate="no">
                {r.name}
              </option>
            ))}
          </optgroup>
        )}
        {managerRows.length > 0 && (
          <optgroup label={t('scope.managers')}>
            {managerRows.map((r) => (
              <option key={r.id} value={`manager:${r.id}`} translate="no">
                {r.name}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </div>
  );
}
