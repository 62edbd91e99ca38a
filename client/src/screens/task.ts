import { api, ApiError, FieldProblem } from '../api';
import { h, message, show } from '../dom';
import { dateTime } from '../format';
import { notifyNext, refresh } from '../nav';
import { session } from '../session';
import { TaskForm } from '../task-form';
import { isCaseNumber, isOverdue, Task } from '../tasks';

/** One task: what it is, its form over the task's variables, claim/release and complete. */
export async function taskScreen(root: HTMLElement, id: string): Promise<() => void> {
  const task = await api<Task>('GET', `/tasks/${id}`);
  const me = session.account()?.username;
  const feedback = h('div', {});
  let form: TaskForm | null = null;
  if (task.formKey && task.state === 'CREATED') {
    const [schema, variables] = await Promise.all([
      api<{ components?: [] }>('GET', `/tasks/${id}/form`),
      api<Record<string, unknown>>('GET', `/tasks/${id}/variables`),
    ]);
    form = new TaskForm(schema, variables);
  }

  const fail = (error: unknown) =>
    show(feedback, message('error', error instanceof ApiError ? error.message : String(error)));

  async function claim(action: 'claim' | 'unclaim'): Promise<void> {
    try {
      await api('POST', `/tasks/${id}/${action}`);
      refresh();
    } catch (error) {
      fail(error);
    }
  }

  async function complete(): Promise<void> {
    show(feedback);
    const variables = form ? form.answers() : {};
    if (!variables)
      return show(feedback, message('error', 'Correggere i campi segnalati nel modulo.'));
    try {
      await api('POST', `/tasks/${id}/complete`, { variables });
      notifyNext(`Attività completata: ${task.name}.`);
      location.hash = '#/attivita';
    } catch (error) {
      fail(error);
      if (error instanceof ApiError && error.status === 400)
        form?.showProblems(error.details as FieldProblem[]);
    }
  }

  const open = task.state === 'CREATED';
  show(
    root,
    h('p', {}, h('a', { href: '#/attivita' }, '← Attività')),
    h('h1', {}, task.name),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Caso'),
      h(
        'dd',
        {},
        isCaseNumber(task.caseNumber)
          ? h('a', { href: `#/casi/${task.caseNumber}` }, task.caseNumber)
          : (task.caseNumber ?? '—'),
      ),
      h('dt', {}, 'Scadenza'),
      h('dd', { class: isOverdue(task) ? 'overdue' : '' }, dateTime(task.dueDate)),
      h('dt', {}, 'Assegnata a'),
      h('dd', {}, task.assignee ?? 'nessuno'),
      !open && h('dt', {}, 'Stato'),
      !open &&
        h(
          'dd',
          {},
          task.state === 'COMPLETED'
            ? `Completata da ${task.completedBy ?? '—'} il ${dateTime(task.completedAt)}`
            : 'Annullata',
        ),
    ),
    open &&
      !task.assignee &&
      h('button', { type: 'button', onclick: () => void claim('claim') }, 'Prendi in carico'),
    open &&
      task.assignee === me &&
      h('button', { type: 'button', onclick: () => void claim('unclaim') }, 'Rilascia'),
    form?.element,
    form?.problems,
    feedback,
    open &&
      h('button', { type: 'button', class: 'primary', onclick: () => void complete() }, 'Completa'),
  );
  await form?.open();
  return () => form?.destroy();
}
