import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { Answers, FormSchemaJson, TaskForm } from '../../forms/task-form';
import { ErrorAlert, Loading } from '../../ui/feedback';
import { asApiError } from '../../ui/use-api';
import { getDraft, TaskDraft } from './task-detail';

export interface OpenedForm {
  form: TaskForm;
  /** The path's data the form opened with (what a discarded draft gives back). */
  variables: Answers;
  /** The caller's draft, restored over the variables. */
  draft: TaskDraft | null;
}

/**
 * The task's form: form-js (a chunk of its own, with its style sheet) loaded with the schema,
 * the path's data and the caller's draft, the draft's answers over the data.
 */
export function TaskFormView({
  taskId,
  readOnly,
  onReady,
}: {
  taskId: string;
  readOnly: boolean;
  onReady: (opened: OpenedForm) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  // The form opens once per task; later changes of these reach it through the form itself.
  const initial = useRef({ readOnly, onReady });

  useEffect(() => {
    let form: TaskForm | null = null;
    let cancelled = false;
    void (async () => {
      const [module, schema, variables, draft] = await Promise.all([
        import('../../forms/task-form'),
        api<FormSchemaJson>('GET', `/tasks/${taskId}/form`),
        api<Answers>('GET', `/tasks/${taskId}/variables`),
        getDraft(taskId),
      ]);
      if (cancelled || !container.current) return;
      const opened = await module.TaskForm.open(
        container.current,
        schema,
        { ...variables, ...draft?.data },
        initial.current.readOnly,
      );
      if (cancelled) return opened.destroy();
      form = opened;
      setLoading(false);
      initial.current.onReady({ form, variables, draft });
    })().catch((caught: unknown) => {
      if (cancelled) return;
      setLoading(false);
      setError(asApiError(caught));
    });
    return () => {
      cancelled = true;
      form?.destroy();
    };
  }, [taskId]);

  return (
    <>
      {loading && <Loading label="Caricamento del modulo…" />}
      {error?.status === 403 ? (
        // A colleague's task on a case this person does not follow: its data stay with the case.
        <p className="alert alert-info" role="status" data-testid="form-reserved">
          {error.message}
        </p>
      ) : (
        <ErrorAlert error={error} />
      )}
      <div ref={container} id="modulo-attivita" className="task-form" />
    </>
  );
}
