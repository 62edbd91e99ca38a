import { Modal, ModalBody, ModalFooter, ModalHeader } from 'design-react-kit';
import { ReactNode, useId, useLayoutEffect, useRef } from 'react';

/**
 * A modal dialog of the design system (design-react-kit's Modal): the focus moves into it and
 * stays there (Tab cycles inside; Esc, the ✕ and "Chiudi" close it). On closing, the focus goes
 * to what `afterClose` names (the message saying what was done), otherwise back to what opened
 * the dialog, or to the screen's heading when that is gone: never lost on the page's body.
 * The content is drawn only while open, so a form starts afresh each time.
 */
export function ModalDialog({
  open,
  title,
  onClose,
  children,
  footer,
  size,
  afterClose,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Buttons beside "Chiudi" (a submit names its form with `form=`). */
  footer?: ReactNode;
  size?: 'sm' | 'lg';
  /** Where the focus goes once the dialog is closed, when not back to its opener. */
  afterClose?: () => HTMLElement | null | undefined;
}) {
  const titleId = useId();
  const opener = useRef<HTMLElement | null>(null);
  // Before the kit moves the focus into the dialog (it does so after this render's commit).
  useLayoutEffect(() => {
    if (open) opener.current = document.activeElement as HTMLElement | null;
  }, [open]);
  const refocus = () =>
    // Once the dialog has left the page: while it is there it keeps the focus inside.
    setTimeout(() => {
      const previous = opener.current;
      opener.current = null;
      const target =
        afterClose?.() ??
        (previous && previous.isConnected && previous !== document.body ? previous : null) ??
        document.querySelector<HTMLElement>('main h1');
      target?.focus();
    }, 0);
  return (
    <Modal
      isOpen={open}
      toggle={onClose}
      labelledBy={titleId}
      size={size}
      fade={false}
      trapFocus
      returnFocusAfterClose={false}
      onClosed={refocus}
    >
      <ModalHeader toggle={onClose} closeAriaLabel="Chiudi la finestra" tag="h2">
        <span id={titleId}>{title}</span>
      </ModalHeader>
      <ModalBody>{open && children}</ModalBody>
      <ModalFooter>
        {footer}
        <button type="button" className="btn btn-outline-secondary btn-sm" onClick={onClose}>
          Chiudi
        </button>
      </ModalFooter>
    </Modal>
  );
}
