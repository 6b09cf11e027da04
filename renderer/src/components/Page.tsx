import { useEffect, type ReactNode } from 'react';

const APP_NAME = 'OCPP Console';

/** A view's frame: its title (the page's h1), actions on the right, then the content. */
export function Page({
  title,
  actions,
  children,
  subtitle,
  documentTitle,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  documentTitle?: string;
}) {
  // The window/tab title names the view too (WCAG 2.2 SC 2.4.2), so a screen reader and the task bar say where one is.
  const pageTitle = documentTitle ?? (typeof title === 'string' ? title : null);
  useEffect(() => {
    if (pageTitle) document.title = `${pageTitle} · ${APP_NAME}`;
  }, [pageTitle]);
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <div>
          <h1 id="page-title">{title}</h1>
          {subtitle ? <div className="page-subtitle">{subtitle}</div> : null}
        </div>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}

export function ErrorBox({ error }: { error: string | null | undefined }) {
  if (!error) return null;
  return (
    <div className="error-box" role="alert">
      {error}
    </div>
  );
}

/**
 * A table that may be wider than the window: it scrolls sideways inside its own frame instead of pushing the page
 * (WCAG 2.2 SC 1.4.10 Reflow). Focusable, so the keyboard can scroll it too.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}
