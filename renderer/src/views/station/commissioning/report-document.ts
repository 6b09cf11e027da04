/**
 * The printable report (GET .../report.html) shown inside the console. The API wants the token in a header, so the
 * page cannot simply be opened by its address; and a page the console makes itself (a blob: or about:blank window)
 * inherits the console's Content-Security-Policy, which refuses the report's inline style (and the desktop shell
 * opens no other window). So the console fetches the page through the API client and shows its body in the console,
 * styled by the console's own stylesheet.
 *
 * The server escapes everything a station sent (main/csms/commissioning/report-html.ts) and the console's policy
 * runs no inline script; still, the markup goes through DOMPurify before it is shown (no script, frame, form,
 * style or event handler survives, nor a `javascript:` address). Its headings go down two levels, so the view keeps
 * one h1.
 */
import DOMPurify from 'dompurify';

/** Beyond DOMPurify's defaults: the report's own stylesheet and anything that could submit or load elsewhere. */
const FORBIDDEN_TAGS = ['style', 'link', 'meta', 'base', 'form', 'template'];

/** Levels the report's headings go down by: its h1 becomes an h3, below the run's h2. */
const REPORT_HEADING_SHIFT = 2;

export interface ReportDocument {
  title: string;
  /** The body's markup, inert. */
  bodyHtml: string;
}

export function reportDocumentOf(html: string): ReportDocument {
  const title = new DOMParser().parseFromString(html, 'text/html').title;
  const body = DOMPurify.sanitize(html, { RETURN_DOM: true, FORBID_TAGS: FORBIDDEN_TAGS });
  // The report is a page of its own (h1, h2, h3); in the console it sits under the view's h1 and the run's h2.
  for (const heading of body.querySelectorAll('h1, h2, h3, h4')) {
    const level = Math.min(6, Number(heading.tagName.slice(1)) + REPORT_HEADING_SHIFT);
    const demoted = body.ownerDocument.createElement(`h${level}`);
    demoted.append(...heading.childNodes);
    for (const attribute of [...heading.attributes]) demoted.setAttribute(attribute.name, attribute.value);
    heading.replaceWith(demoted);
  }
  return { title, bodyHtml: body.innerHTML };
}
