import { api, ApiError } from '../api';
import { caseProcesses } from '../bpmn/process-state';
import { showProcess } from '../bpmn/process-viewer';
import { h, message, show } from '../dom';
import { dateTime, day } from '../format';

interface CaseDetail {
  id: string;
  caseNumber: string;
  unitCode: string;
  status: string;
  openedAt: string;
  person: { surname: string; name: string; taxCode: string | null };
  caseManager: string | null;
  pathInstances: Array<{ bpmnProcessId: string; processInstanceKey: string; state: string }>;
}
interface TimelineItem {
  type: string;
  at: string;
  title: string;
  text?: string;
  author?: string;
}
interface Deadline {
  id: string;
  label: string;
  legalBasis: string | null;
  dueDate: string;
  status: string;
}

const DEADLINE_STATUS: Record<string, string> = {
  running: 'in corso',
  met: 'rispettata',
  breached: 'scaduta',
  cancelled: 'annullata',
};

/** A case file: who, its deadlines, its timeline and where each of its paths stands. */
export async function caseScreen(root: HTMLElement, caseNumber: string): Promise<() => void> {
  const found = await api<{ items: Array<{ id: string }> }>(
    'GET',
    `/cases?caseNumber=${encodeURIComponent(caseNumber)}`,
  );
  if (!found.items.length) throw new ApiError(404, 'Cartella non trovata.');
  const id = found.items[0].id;
  const [detail, timeline, deadlines] = await Promise.all([
    api<CaseDetail>('GET', `/cases/${id}`),
    api<TimelineItem[]>('GET', `/cases/${id}/timeline`),
    api<Deadline[]>('GET', `/cases/${id}/deadlines`),
  ]);
  const diagrams = h('section', { class: 'paths' }, h('h2', {}, 'Dove si trova il caso'));
  show(
    root,
    h('p', {}, h('a', { href: '#/attivita' }, '← Attività')),
    h('h1', {}, `${detail.caseNumber} · ${detail.person.surname} ${detail.person.name}`),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Unità'),
      h('dd', {}, detail.unitCode),
      h('dt', {}, 'Aperto il'),
      h('dd', {}, dateTime(detail.openedAt)),
      h('dt', {}, 'Case manager'),
      h('dd', {}, detail.caseManager ?? 'da assegnare'),
    ),
    h('h2', {}, 'Scadenze'),
    deadlines.length
      ? h(
          'table',
          { class: 'deadlines' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...['Scadenza', 'Entro il', 'Stato', 'Base normativa'].map((t) => h('th', {}, t)),
            ),
          ),
          h(
            'tbody',
            {},
            ...deadlines.map((d) =>
              h(
                'tr',
                { class: d.status === 'breached' ? 'overdue' : '' },
                h('td', {}, d.label),
                h('td', {}, day(d.dueDate)),
                h('td', {}, DEADLINE_STATUS[d.status] ?? d.status),
                h('td', {}, d.legalBasis ?? '—'),
              ),
            ),
          ),
        )
      : h('p', { class: 'empty' }, 'Nessuna scadenza.'),
    diagrams,
    h('h2', {}, 'Diario e cronologia'),
    h(
      'ol',
      { class: 'timeline' },
      ...timeline.map((item) =>
        h(
          'li',
          {},
          h('time', {}, dateTime(item.at)),
          ' ',
          h('strong', {}, item.title),
          item.author && ` (${item.author})`,
          item.text && h('p', {}, item.text),
        ),
      ),
    ),
  );
  const releases: Array<() => void> = [];
  try {
    for (const path of await caseProcesses(id)) {
      const canvas = h('div', {
        class: 'diagram',
        'data-process-instance': path.processInstanceKey,
      });
      diagrams.append(h('h3', {}, path.bpmnProcessId), canvas);
      releases.push(await showProcess(canvas, path));
    }
  } catch (error) {
    diagrams.append(
      message(
        'error',
        error instanceof ApiError ? `Percorso non disponibile: ${error.message}` : String(error),
      ),
    );
  }
  return () => releases.forEach((release) => release());
}
