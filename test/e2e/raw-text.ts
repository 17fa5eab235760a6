// Internal text that must never reach a reader (issue 10 point 8): KPI keys, scope codes,
// problem codes, zod paths, binary-float sums, JSON, formulas in code notation.
const RAW: { what: string; pattern: RegExp }[] = [
  {
    what: 'a KPI key',
    pattern: /\b(first_response_h|resolution_h|follow_up_rate|recovery_rate|retention_rate)\b/,
  },
  { what: 'a scope code', pattern: /\b(segment|employee|manager):[A-Z0-9]+\b/ },
  { what: 'a problem code', pattern: /\b(segment_below_min|weights_sum|below_min)\b/ },
  { what: 'a zod path', pattern: /\blines\.\d+\.\w+/ },
  { what: 'a float sum', pattern: /\d\.\d{9,}/ },
  { what: 'raw JSON', pattern: /\{\s*"\w+"\s*:/ },
  {
    what: 'code notation',
    pattern: /\b(churn_p|gross_margin|avg_clv|ttm_at_churn|unhappy_tells|happy_tells)\b/,
  },
  { what: 'a placeholder date', pattern: /1900/ },
];

/** What raw internal text a page's text shows, one "what: match" per finding. */
export function rawTextIn(text: string): string[] {
  const found: string[] = [];
  for (const r of RAW) {
    const m = r.pattern.exec(text);
    if (m) found.push(`${r.what}: ${text.slice(Math.max(0, m.index - 40), m.index + 40)}`);
  }
  return found;
}
