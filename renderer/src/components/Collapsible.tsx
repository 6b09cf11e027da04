import type { ReactNode } from 'react';
import { useViewPref } from '../store/view-prefs.js';

/**
 * A panel whose body folds away behind its heading (a disclosure button inside the h2, so screen readers announce
 * it as "expanded/collapsed"). Whether it is open is remembered per `id` in this browser.
 */
export function CollapsibleSection({ id, title, tools, children }: { id: string; title: ReactNode; tools?: ReactNode; children: ReactNode }) {
  const [open, setOpen] = useViewPref<boolean>(`${id}.open`, true);
  return (
    <section className="panel collapsible" aria-labelledby={`${id}-title`}>
      <div className="collapsible-head">
        <h2 id={`${id}-title`}>
          <button type="button" className="collapsible-toggle" aria-expanded={open} aria-controls={`${id}-body`} onClick={() => setOpen(!open)}>
            <span className="collapsible-caret" aria-hidden="true">
              {open ? '▾' : '▸'}
            </span>
            {title}
          </button>
        </h2>
        {open && tools ? <div className="collapsible-tools">{tools}</div> : null}
      </div>
      <div id={`${id}-body`} hidden={!open}>
        {open ? children : null}
      </div>
    </section>
  );
}

/** "1 station", "2 stations": counts that read as a sentence. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
