import type { ReactNode } from 'react';

/**
 * The box a wide table scrolls in (narrow screens): a named region that takes keyboard
 * focus, so it can be scrolled without a mouse (axe: scrollable-region-focusable).
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <section className="table-wrap" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
