import { ReactNode, useEffect, useId, useRef } from 'react';

/**
 * A modal dialog on the browser's own `<dialog>`: `showModal()` makes the rest of the page inert,
 * so the focus stays inside; Esc and the close button close it; the focus goes back to what
 * opened it. The content is drawn only while open, so a form starts afresh each time.
 */
export function Dialog({
  open,
  title,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const closed = () => {
      if (opener.current instanceof HTMLElement) opener.current.focus();
      close.current();
    };
    dialog.addEventListener('close', closed);
    return () => dialog.removeEventListener('close', closed);
  }, []);

  return (
    <dialog ref={ref} className="app-dialog" aria-labelledby={titleId}>
      {open && (
        <>
          <div className="app-dialog-header">
            <h2 id={titleId} className="h4 mb-0">
              {title}
            </h2>
            <button
              type="button"
              className="btn btn-link p-1"
              aria-label="Chiudi"
              onClick={() => ref.current?.close()}
            >
              <span aria-hidden="true">✕</span>
            </button>
          </div>
          <div className="app-dialog-body">{children}</div>
        </>
      )}
    </dialog>
  );
}
