import { api } from '../api';
import { instanceProcess } from '../bpmn/process-state';
import { showProcess } from '../bpmn/process-viewer';
import { h, show } from '../dom';
import { dateTime } from '../format';

interface InstanceSummary {
  processInstanceKey: string;
  bpmnProcessId: string;
  version: number;
  businessKey: string | null;
  state: string;
  startedAt: string;
}

/** Running instances, for the administrator (engine API). */
export async function instanceListScreen(root: HTMLElement): Promise<void> {
  const { items } = await api<{ items: InstanceSummary[] }>(
    'GET',
    '/process-instances?state=ACTIVE&limit=100',
  );
  show(
    root,
    h('h1', {}, 'Istanze in corso'),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['Istanza', 'Percorso', 'Caso o segnalazione', 'Avviata'].map((t) => h('th', {}, t)),
        ),
      ),
      h(
        'tbody',
        {},
        ...items.map((i) =>
          h(
            'tr',
            {},
            h(
              'td',
              {},
              h('a', { href: `#/istanze/${i.processInstanceKey}` }, i.processInstanceKey),
            ),
            h('td', {}, `${i.bpmnProcessId} v${i.version}`),
            h('td', {}, i.businessKey ?? '—'),
            h('td', {}, dateTime(i.startedAt)),
          ),
        ),
      ),
    ),
  );
}

/** One instance on its model: the same viewer as the case file's. */
export async function instanceScreen(root: HTMLElement, key: string): Promise<() => void> {
  const state = await instanceProcess(key);
  const canvas = h('div', { class: 'diagram', 'data-process-instance': key });
  show(
    root,
    h('p', {}, h('a', { href: '#/istanze' }, '← Istanze')),
    h('h1', {}, `${state.bpmnProcessId} · istanza ${key}`),
    h(
      'p',
      {},
      `Stato: ${state.state}. In corso: ${state.activeElementIds.join(', ') || 'nessun elemento'}.`,
    ),
    canvas,
  );
  return showProcess(canvas, state);
}
