import { Button, Modal, ModalBody, ModalFooter, ModalHeader } from 'design-react-kit';
import { ReactNode, useId } from 'react';
import { ApiError } from '../api/client';
import { ErrorAlert } from './feedback';

/**
 * A question before something that cannot be undone (cancelling an instance, leaving unsaved
 * edits): the design system's modal, which keeps the focus inside while open and gives it back
 * to what opened it; Escape or the close button answer "no".
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = 'Annulla',
  danger = false,
  busy = false,
  error,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
  busy?: boolean;
  error?: ApiError | string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const id = useId();
  return (
    <Modal
      isOpen={open}
      toggle={onCancel}
      labelledBy={`${id}-title`}
      trapFocus
      returnFocusAfterClose
      fade={false}
      centered
    >
      <ModalHeader id={`${id}-title`} tag="h2" toggle={onCancel} closeAriaLabel="Chiudi">
        {title}
      </ModalHeader>
      <ModalBody>
        <ErrorAlert error={error} />
        {children}
      </ModalBody>
      <ModalFooter>
        <Button color="secondary" outline onClick={onCancel}>
          {cancelLabel}
        </Button>
        <Button color={danger ? 'danger' : 'primary'} disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
