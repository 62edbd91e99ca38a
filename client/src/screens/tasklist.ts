import { api, ApiError } from '../api';
import { h, message, show } from '../dom';
import { dateTime } from '../format';
import { takeNotice } from '../nav';
import { session } from '../session';
import { isCaseNumber, isOverdue, Page, Task } from '../tasks';

type View = 'mine' | 'unit-unassigned' | 'unit';
const VIEWS: Array<[View, string]> = [
  ['mine', 'Le mie attività'],
  ['unit-unassigned', 'Da prendere in carico'],
  ['unit', 'Tutta l’unità'],
];

/** Kept while the tab lives, so coming back from a task shows the same list. */
let current: { view: View; caseNumber: string } = { view: 'mine', caseNumber: '' };

/** The caller's tasks, the most urgent first (the server's order), overdue ones marked. */
export async function tasklistScreen(root: HTMLElement): Promise<void> {
  const coordinator = session.account()?.role === 'coordinator';
  const views = VIEWS.filter(([view]) => view !== 'unit' || coordinator);
  const notice = takeNotice();
  const feedback = h('div', {}, notice && message('notice', notice));
  const list = h('div', {});
  const filter = h('input', {
    id: 'case-filter',
    name: 'caseNumber',
    placeholder: 'SSC-III-2026-000123',
    value: current.caseNumber,
  });

  const tabs = h(
    'div',
    { class: 'tabs', role: 'tablist' },
    ...views.map(([view, label]) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          'aria-selected': view === current.view,
          onclick: () => select(view),
        },
        label,
      ),
    ),
  );
  function select(view: View): void {
    current = { ...current, view };
    tabs
      .querySelectorAll('button')
      .forEach((b, i) => b.setAttribute('aria-selected', String(views[i][0] === view)));
    void load();
  }

  async function act(task: Task, action: 'claim' | 'unclaim'): Promise<void> {
    show(feedback);
    try {
      await api('POST', `/tasks/${task.id}/${action}`);
      show(
        feedback,
        message(
          'notice',
          action === 'claim' ? `Presa in carico: ${task.name}.` : `Rilasciata: ${task.name}.`,
        ),
      );
    } catch (error) {
      show(feedback, message('error', error instanceof ApiError ? error.message : String(error)));
    }
    await load();
  }

  async function load(): Promise<void> {
    const query = new URLSearchParams({ view: current.view, limit: '100' });
    if (current.caseNumber) query.set('caseNumber', current.caseNumber);
    try {
      const page = await api<Page<Task>>('GET', `/tasks?${query}`);
      show(
        list,
        page.items.length ? table(page.items) : h('p', { class: 'empty' }, 'Nessuna attività.'),
      );
    } catch (error) {
      show(list, message('error', error instanceof ApiError ? error.message : String(error)));
    }
  }

  function table(tasks: Task[]): HTMLTableElement {
    const me = session.account()?.username;
    return h(
      'table',
      { class: 'tasks' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['Attività', 'Caso', 'Scadenza', 'Assegnata a', ''].map((t) => h('th', {}, t)),
        ),
      ),
      h(
        'tbody',
        {},
        ...tasks.map((task) =>
          h(
            'tr',
            { class: isOverdue(task) ? 'overdue' : '', 'data-task': task.id },
            h('td', {}, h('a', { href: `#/attivita/${task.id}` }, task.name)),
            h(
              'td',
              {},
              isCaseNumber(task.caseNumber)
                ? h('a', { href: `#/casi/${task.caseNumber}` }, task.caseNumber)
                : (task.caseNumber ?? '—'),
            ),
            h(
              'td',
              {},
              dateTime(task.dueDate),
              isOverdue(task) && h('span', { class: 'badge' }, 'scaduta'),
            ),
            h('td', {}, task.assignee ?? '—'),
            h(
              'td',
              {},
              !task.assignee &&
                h(
                  'button',
                  { type: 'button', onclick: () => void act(task, 'claim') },
                  'Prendi in carico',
                ),
              task.assignee === me &&
                h(
                  'button',
                  { type: 'button', onclick: () => void act(task, 'unclaim') },
                  'Rilascia',
                ),
            ),
          ),
        ),
      ),
    );
  }

  show(
    root,
    h('h1', {}, 'Attività'),
    tabs,
    h(
      'form',
      {
        class: 'filter',
        onsubmit: (event: Event) => {
          event.preventDefault();
          current = { ...current, caseNumber: filter.value.trim().toUpperCase() };
          void load();
        },
      },
      h('label', { for: 'case-filter' }, 'Numero del caso o della segnalazione'),
      filter,
      h('button', { type: 'submit' }, 'Filtra'),
    ),
    feedback,
    list,
  );
  await load();
}
