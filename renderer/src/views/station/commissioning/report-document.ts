/**
 * The printable report (GET .../report.html) shown inside the console. The API wants the token in a header, so the
 * page cannot simply be opened by its address; and a page the console makes itself (a blob: or about:blank window)
 * inherits the console's Content-Security-Policy, which refuses the report's inline style (and the desktop shell
 * opens no other window). So the console fetches the page through the API client and shows its body in the console,
 * styled by the console's own stylesheet.
 *
 * The server escapes everything a station sent (main/csms/commissioning/report-html.ts) and the console's policy
 * runs no inline script; still, only inert markup is kept: no script, style, frame, form or link element, no event
 * handler attribute, no `javascript:` address. Its headings go down two levels, so the view keeps one h1.
 */

const DROPPED_ELEMENTS = 'script, style, link, meta, base, iframe, frame, object, embed, form, template';

/** Levels the report's headings go down by: its h1 becomes an h3, below the run's h2. */
const REPORT_HEADING_SHIFT = 2;

export interface ReportDocument {
  title: string;
  /** The body's markup, inert. */
  bodyHtml: string;
}

export function reportDocumentOf(html: string): ReportDocument {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const element of doc.querySelectorAll(DROPPED_ELEMENTS)) element.remove();
  for (const element of doc.body.querySelectorAll('*')) {
    for (const attribute of [...element.attributes]) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on') || ((name === 'href' || name === 'src') && /^\s*javascript:/i.test(attribute.value)))
        element.removeAttribute(attribute.name);
    }
  }
  // The report is a page of its own (h1, h2, h3); in the console it sits under the view's h1 and the run's h2.
  for (const heading of doc.body.querySelectorAll('h1, h2, h3, h4')) {
    const level = Math.min(6, Number(heading.tagName.slice(1)) + REPORT_HEADING_SHIFT);
    const demoted = doc.createElement(`h${level}`);
    demoted.append(...heading.childNodes);
    for (const attribute of [...heading.attributes]) demoted.setAttribute(attribute.name, attribute.value);
    heading.replaceWith(demoted);
  }
  return { title: doc.title, bodyHtml: doc.body.innerHTML };
}
