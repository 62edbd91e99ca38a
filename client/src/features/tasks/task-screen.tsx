import { Button } from 'design-react-kit';
import { MouseEvent, useCallback, useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { ApiError } from '../../api/client';
import type { Answers, FormProblem } from '../../forms/task-form';
import { useAccount } from '../../session/use-session';
import { ErrorAlert, flashNext, Loading, Notice } from '../../ui/feedback';
import { ErrorSummary } from '../../ui/fields';
import { Page, Section } from '../../ui/page';
import { asApiError } from '../../ui/use-api';
import {
  claimTask,
  completeTask,
  getTask,
  releaseTask,
  TaskDetail,
  timeOfDay,
} from './task-detail';
import { TaskFacts } from './task-facts';
import { OpenedForm, TaskFormView } from './task-form-view';
import { useTaskDraft } from './use-task-draft';

/** One task: what it is, who holds it, its form with the answers kept as a draft, completion. */
export function TaskScreen({ params }: { params: Record<string, string | undefined> }) {
  const id = params.id ?? '';
  const [task, setTask] = useState<TaskDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let current = true;
    setTask(null);
    setError(null);
    getTask(id).then(
      (loaded) => current && setTask(loaded),
      (caught: unknown) => current && setError(asApiError(caught)),
    );
    return () => {
      current = false;
    };
  }, [id]);

  if (error && (error.status === 404 || error.status === 400)) return <TaskNotFound />;
  if (error)
    return (
      <Page title="Attività" back={{ href: '/attivita', label: 'Attività' }}>
        <ErrorAlert error={error} />
      </Page>
    );
  if (!task) return <Loading />;
  return <TaskWork key={task.id} initial={task} />;
}

function TaskNotFound() {
  return (
    <Page title="Attività non trovata">
      <p>
        Questa attività non esiste oppure non è visibile per il proprio ruolo e la propria unità.{' '}
        <Link href="/attivita">Torna alle attività</Link>.
      </p>
    </Page>
  );
}

function TaskWork({ initial }: { initial: TaskDetail }) {
  const account = useAccount();
  const [, navigate] = useLocation();
  const [task, setTask] = useState(initial);
  const open = task.state === 'CREATED';
  const mine = task.assignee === account.username;
  // Who may write the answers: the holder, or anyone who sees it while nobody holds it (the
  // server keeps the draft of its candidates and of the coordinator).
  const editable = open && (!task.assignee || mine);
  const draft = useTaskDraft(task.id, editable);
  const [opened, setOpened] = useState<OpenedForm | null>(null);
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const summary = useRef<HTMLDivElement>(null);

  useEffect(() => opened?.form.setReadOnly(!editable), [opened, editable]);
  useEffect(() => {
    if (problems.length > 0)
      summary.current?.querySelector<HTMLElement>('[data-testid="error-summary"]')?.focus();
  }, [problems]);

  const { start, change } = draft;
  const ready = useCallback(
    (form: OpenedForm) => {
      setOpened(form);
      start(form.form.answers(), form.draft?.savedAt ?? null);
      form.form.onChange(() => change(form.form.answers()));
    },
    [start, change],
  );

  /** Runs an action on the task; its refusal is shown above the form. */
  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    setNotice(null);
    try {
      await work();
    } catch (caught) {
      const refused = asApiError(caught);
      setFailure(refused);
      // Completed or claimed meanwhile by someone else: show the task as it is now.
      if (refused.status === 409) setTask(await getTask(task.id).catch(() => task));
    } finally {
      setBusy(false);
    }
  };

  const claim = () =>
    act(async () => {
      await draft.flush();
      setTask(await claimTask(task.id));
      setNotice('Attività presa in carico: le risposte già scritte restano.');
    });
  const release = () =>
    act(async () => {
      await draft.flush();
      setTask(await releaseTask(task.id));
      setNotice('Attività rilasciata: torna tra quelle da prendere in carico.');
    });

  const complete = () =>
    act(async () => {
      let answers: Answers = {};
      if (opened) {
        const checked = opened.form.submit();
        setProblems(checked.problems);
        if (checked.problems.length > 0) return;
        answers = checked.data;
      }
      // What was written is kept first: a refusal or a failure loses nothing.
      await draft.flush();
      try {
        await completeTask(task.id, answers);
      } catch (caught) {
        if (opened && caught instanceof ApiError && caught.fieldProblems.length > 0) {
          setProblems(opened.form.showServerProblems(caught.fieldProblems, answers));
          return;
        }
        throw caught;
      }
      draft.stop();
      flashNext(`Attività completata: ${task.name}.`);
      navigate('/attivita');
    });

  const discard = () =>
    act(async () => {
      if (!opened) return;
      await draft.discard();
      await opened.form.load(opened.variables, !editable);
      draft.start(opened.form.answers(), null);
      setProblems([]);
      setNotice('Bozza scartata: il modulo mostra di nuovo i dati del percorso.');
    });

  // The summary's links move the focus into the field (form-js's inputs, drawn outside React).
  const followProblem = (event: MouseEvent) => {
    const link = (event.target as HTMLElement).closest('a');
    const target = link?.getAttribute('href')?.slice(1);
    const field = target ? document.getElementById(target) : null;
    if (!field) return;
    event.preventDefault();
    field.scrollIntoView({ block: 'center' });
    field.focus();
  };

  const labels = Object.fromEntries(problems.map((p) => [p.field, p.label]));
  const targets = new Map(problems.map((p) => [p.field, p.elementId ?? 'modulo-attivita']));
  const path = task.pathName ?? task.processName ?? task.bpmnProcessId;

  return (
    <Page
      title={task.name}
      lead={[path, task.personName].filter(Boolean).join(' · ')}
      back={{ href: '/attivita', label: 'Attività' }}
      actions={
        open && (
          <>
            {!task.assignee && (
              <Button color="primary" disabled={busy} onClick={() => void claim()}>
                Prendi in carico
              </Button>
            )}
            {task.assignee && (mine || account.role === 'coordinator') && (
              <Button color="primary" outline disabled={busy} onClick={() => void release()}>
                Rilascia
              </Button>
            )}
          </>
        )
      }
    >
      <TaskFacts task={task} username={account.username} />
      <Notice>{notice}</Notice>
      <ErrorAlert error={failure} />
      {!open && (
        <div className="alert alert-info" role="status">
          {task.state === 'COMPLETED'
            ? 'Attività conclusa: il modulo è stato inviato e il percorso è andato avanti.'
            : 'Attività annullata: non c’è più nulla da compilare.'}
        </div>
      )}
      {open && (
        <Section title="Modulo" id="modulo">
          {!task.assignee && (
            <p data-testid="claim-hint">
              Per completarla bisogna prenderla in carico: le risposte scritte prima restano.
            </p>
          )}
          {task.assignee && !mine && (
            <p data-testid="read-only-hint">
              In carico a {task.assigneeName ?? task.assignee}: solo chi l’ha in carico può
              compilare il modulo.
            </p>
          )}
          {editable && task.formKey && (
            <DraftStatus
              savedAt={draft.savedAt}
              pending={draft.pending}
              error={draft.error}
              busy={busy}
              onDiscard={() => void discard()}
            />
          )}
          <div ref={summary} onClick={followProblem}>
            <ErrorSummary
              problems={problems}
              labels={labels}
              fieldId={(field) => targets.get(field) ?? 'modulo-attivita'}
            />
          </div>
          {task.formKey ? (
            <TaskFormView taskId={task.id} readOnly={!editable} onReady={ready} />
          ) : (
            <p>Questa attività non ha un modulo: si completa senza dati.</p>
          )}
          {mine && (
            <div className="toolbar-row mt-4">
              <Button
                color="primary"
                disabled={busy || (!!task.formKey && !opened)}
                onClick={() => void complete()}
              >
                Completa
              </Button>
            </div>
          )}
        </Section>
      )}
    </Page>
  );
}

function DraftStatus({
  savedAt,
  pending,
  error,
  busy,
  onDiscard,
}: {
  savedAt: string | null;
  pending: boolean;
  error: string | null;
  busy: boolean;
  onDiscard: () => void;
}) {
  return (
    <div className="d-flex flex-wrap align-items-center gap-2 mb-2">
      <p className="mb-0 small" role="status" data-testid="draft-status">
        {error ? (
          <span className="text-danger">{error}</span>
        ) : savedAt ? (
          `Bozza salvata alle ${timeOfDay(savedAt)}${pending ? ' · modifiche in corso' : ''}`
        ) : pending ? (
          'Le risposte vengono salvate come bozza mentre si scrive.'
        ) : (
          'Nessuna bozza: le risposte vengono salvate mentre si scrive.'
        )}
      </p>
      {savedAt && (
        <Button color="secondary" outline size="xs" disabled={busy} onClick={onDiscard}>
          Scarta la bozza
        </Button>
      )}
    </div>
  );
}
