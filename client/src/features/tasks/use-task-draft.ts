import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { session } from '../../session/session';
import { discardDraft, saveDraft } from './task-detail';

/** Quiet time after the last change before the answers are kept. */
export const DRAFT_DELAY_MS = 1500;

type Answers = Record<string, unknown>;

export interface TaskDraftState {
  /** When the server last kept the answers (ISO), null when there is no draft. */
  savedAt: string | null;
  /** Why the last save failed, in Italian. */
  error: string | null;
  /** Answers changed since the last save. */
  pending: boolean;
}

/**
 * The form's answers kept on the server while the user writes them (never in the browser): saved
 * after a pause, when the screen is left and when the tab is hidden or closed. A session that
 * has ended saves nothing (its answers are those of the last save, restored after signing in).
 */
export function useTaskDraft(taskId: string, enabled: boolean) {
  const [state, setState] = useState<TaskDraftState>({
    savedAt: null,
    error: null,
    pending: false,
  });
  const saved = useRef<string | null>(null);
  const latest = useRef<Answers | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const active = useRef(enabled);
  active.current = enabled;

  const stopTimer = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  const flush = useCallback(async (): Promise<void> => {
    stopTimer();
    const answers = latest.current;
    if (!answers || !active.current || !session.stored()) return;
    const json = JSON.stringify(answers);
    if (json === saved.current) return;
    try {
      const { savedAt } = await saveDraft(taskId, answers);
      saved.current = json;
      if (latest.current === answers) latest.current = null;
      setState({ savedAt, error: null, pending: latest.current !== null });
    } catch (error) {
      // A session that ended meanwhile shows the sign-in; nothing to say here.
      if (error instanceof ApiError && error.status === 401) return;
      setState((previous) => ({
        ...previous,
        error: `Bozza non salvata: ${error instanceof Error ? error.message : String(error)}`,
      }));
    }
  }, [taskId]);

  /** The answers as the form opened (from the path's data, or a restored draft). */
  const start = useCallback((answers: Answers, savedAt: string | null) => {
    stopTimer();
    saved.current = JSON.stringify(answers);
    latest.current = null;
    setState({ savedAt, error: null, pending: false });
  }, []);

  /** A change of the user's: kept after a pause. */
  const change = useCallback(
    (answers: Answers) => {
      if (!active.current) return;
      if (JSON.stringify(answers) === saved.current) return;
      latest.current = answers;
      setState((previous) => (previous.pending ? previous : { ...previous, pending: true }));
      stopTimer();
      timer.current = setTimeout(() => void flush(), DRAFT_DELAY_MS);
    },
    [flush],
  );

  /** Nothing more to keep (the task was completed: the server deleted its drafts). */
  const stop = useCallback(() => {
    stopTimer();
    latest.current = null;
    active.current = false;
  }, []);

  /** "Scarta la bozza": the server forgets it. */
  const discard = useCallback(async (): Promise<void> => {
    stopTimer();
    latest.current = null;
    await discardDraft(taskId);
    saved.current = null;
    setState({ savedAt: null, error: null, pending: false });
  }, [taskId]);

  // Leaving the screen keeps what was written; closing the tab too, with a request that
  // outlives the page (the token is read synchronously: there is no time to renew it).
  useEffect(() => {
    const onHide = () => {
      const answers = latest.current;
      const token = session.stored()?.accessToken;
      if (!answers || !active.current || !token) return;
      stopTimer();
      void fetch(`/api/tasks/${taskId}/draft`, {
        method: 'PUT',
        keepalive: true,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ data: answers }),
      }).catch(() => undefined);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      void flush();
    };
  }, [taskId, flush]);

  return { ...state, start, change, flush, stop, discard };
}
