import { RefObject, useCallback, useRef, useState } from 'react';

/**
 * What a dialog just did ("Attività assegnata a …"), said where the dialog was opened: after a
 * success the focus goes to this message (a dialog's `afterClose`), so a screen reader reads it
 * and the keyboard goes on from there even when the row that opened the dialog has left its list.
 */
export function ResultNotice({
  text,
  noticeRef,
}: {
  text: string | null;
  noticeRef: RefObject<HTMLDivElement>;
}) {
  if (!text) return null;
  return (
    <div ref={noticeRef} className="alert alert-success" role="status" tabIndex={-1}>
      {text}
    </div>
  );
}

/**
 * The state of such a message: `done(text)` after a success, and `afterClose` for the dialog,
 * which names the message only when the dialog closed on a success.
 */
export function useResultNotice(initial: string | null = null) {
  const [text, setText] = useState<string | null>(initial);
  const noticeRef = useRef<HTMLDivElement>(null);
  const succeeded = useRef(false);
  const done = useCallback((message: string) => {
    succeeded.current = true;
    setText(message);
  }, []);
  const afterClose = useCallback(() => {
    const focus = succeeded.current;
    succeeded.current = false;
    return focus ? noticeRef.current : null;
  }, []);
  return { text, setText, noticeRef, done, afterClose };
}
