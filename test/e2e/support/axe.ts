import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** The rule sets the console is held to: WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** Marks, for one run, the rows a virtual table draws beyond its frame's visible part. */
const OUT_OF_VIEW = 'data-axe-out-of-view';

/**
 * axe's WCAG A/AA violations of what is on screen, one line each: rule, impact, help, the first elements found.
 *
 * A virtual table (components/VirtualTable.tsx) draws a few rows above and below its frame's visible part. axe's
 * colour-contrast check scrolls the frame to bring such a row into view, the table then draws other rows while axe
 * still runs, and the rows axe had collected lie detached at (0, 0), where target-size finds them all on top of
 * each other. Those rows are the same markup as the visible ones, so they are left out of the run instead.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate((mark) => {
    for (const frame of document.querySelectorAll('.virtual-scroll')) {
      const visible = frame.getBoundingClientRect();
      for (const row of frame.querySelectorAll('tbody tr[data-index]')) {
        const box = row.getBoundingClientRect();
        if (box.top < visible.top || box.bottom > visible.bottom) row.setAttribute(mark, '');
      }
    }
  }, OUT_OF_VIEW);
  try {
    const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).exclude(`[${OUT_OF_VIEW}]`).analyze();
    return result.violations.map(
      (v) =>
        `${v.id} (${v.impact ?? 'no impact given'}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
  } finally {
    await page.evaluate((mark) => document.querySelectorAll(`[${mark}]`).forEach((row) => row.removeAttribute(mark)), OUT_OF_VIEW);
  }
}
