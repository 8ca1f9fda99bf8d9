import type { ReactNode } from "react";

/**
 * A table wider than a phone scrolls sideways inside the page, not the page with it. The box
 * can take the focus, so it scrolls from the keyboard as well, and says what it holds.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
