import { useQuery } from '@tanstack/react-query';
import { meQuery } from '../queries/auth';
import { breakdownQuery } from '../queries/kpis';
import { defaultPeriod } from './period';

const MAY_LIST = new Set(['admin', 'executive', 'segment_manager']);

/**
 * Segment names by code ("S04" → "Kyiv SMB") for tables that carry the code, from the
 * breakdown by segment the role may read (a segment manager: their own segments). A
 * code without a known name is shown as it is.
 */
export function useSegmentName(): (code: string | null | undefined) => string {
  const me = useQuery(meQuery());
  const role = me.data?.user.role;
  const names = useQuery({
    ...breakdownQuery(defaultPeriod(), 'segment'),
    enabled: role !== undefined && MAY_LIST.has(role),
  });
  const byId = new Map((names.data?.rows ?? []).map((r) => [r.id, r.name]));
  return (code) => (code ? (byId.get(code) ?? code) : '—');
}
