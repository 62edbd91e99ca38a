import { ReactNode, useEffect, useRef } from 'react';
import { Link } from 'wouter';

/** The browser tab's title: the screen first, then the service. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Percorsi`;
  }, [title]);
}

interface PageProps {
  title: string;
  /** A line under the title (the case's person, the unit…). */
  lead?: ReactNode;
  /** Where "back" leads, e.g. from a task to the tasklist. */
  back?: { href: string; label: string };
  /** Buttons beside the title. */
  actions?: ReactNode;
  children?: ReactNode;
  /** The login focuses its first field instead of the heading. */
  focusHeading?: boolean;
}

/**
 * Every screen: its title in the tab and as the one h1, which takes the focus when the screen
 * opens, so a screen reader announces where the user arrived (WCAG 2.4.3).
 */
export function Page({ title, lead, back, actions, children, focusHeading = true }: PageProps) {
  useDocumentTitle(title);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusHeading) heading.current?.focus();
  }, [title, focusHeading]);
  return (
    <>
      {back && (
        <nav aria-label="Percorso di navigazione" className="mb-2">
          <Link href={back.href} className="d-inline-flex align-items-center">
            ← {back.label}
          </Link>
        </nav>
      )}
      <div className="page-header">
        <div>
          <h1 ref={heading} tabIndex={-1}>
            {title}
          </h1>
          {lead && <div className="lead mb-0">{lead}</div>}
        </div>
        {actions && <div className="toolbar-row">{actions}</div>}
      </div>
      {children}
    </>
  );
}

/** A section of a screen with its h2 (the outline screen readers navigate by). */
export function Section({
  title,
  id,
  actions,
  children,
}: {
  title: string;
  id?: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section className="my-4" aria-labelledby={headingId} id={id}>
      <div className="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-2">
        <h2 className="h4 mb-0" id={headingId}>
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
