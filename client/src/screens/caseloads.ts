import { api } from '../api';
import { h, show } from '../dom';
import { dateTime } from '../format';

interface UnitCaseload {
  unitCode: string;
  name: string;
  openCases: number;
  openTasks: number;
  overdueTasks: number;
  runningDeadlines: number;
  overdueDeadlines: number;
  socialWorkers: number;
  population: number | null;
  requiredSocialWorkers: number | null;
  meetsTarget: boolean | null;
}

const COLUMNS = [
  'Unità',
  'Cartelle aperte',
  'Attività aperte',
  'di cui scadute',
  'Scadenze in corso',
  'di cui superate',
  'Assistenti sociali',
  'Obiettivo LEPS (1 ogni 5.000)',
];

/** The manager's view across units: caseloads, late work, staff against the LEPS target. */
export async function caseloadsScreen(root: HTMLElement): Promise<void> {
  const { units, at } = await api<{ units: UnitCaseload[]; at: string }>('GET', '/stats/caseloads');
  const late = (count: number) => h('td', count > 0 ? { class: 'overdue' } : {}, String(count));
  const target = (u: UnitCaseload) =>
    u.requiredSocialWorkers === null
      ? 'popolazione non indicata'
      : `${u.requiredSocialWorkers} ${u.meetsTarget ? '— raggiunto' : '— non raggiunto'}`;
  show(
    root,
    h('h1', {}, 'Carichi di lavoro delle unità'),
    h('p', {}, `Dati al ${dateTime(at)}.`),
    h(
      'table',
      { class: 'caseloads' },
      h('thead', {}, h('tr', {}, ...COLUMNS.map((label) => h('th', {}, label)))),
      h(
        'tbody',
        {},
        ...units.map((u) =>
          h(
            'tr',
            { 'data-unit': u.unitCode },
            h('td', {}, `${u.unitCode} · ${u.name}`),
            h('td', {}, String(u.openCases)),
            h('td', {}, String(u.openTasks)),
            late(u.overdueTasks),
            h('td', {}, String(u.runningDeadlines)),
            late(u.overdueDeadlines),
            h('td', {}, String(u.socialWorkers)),
            h('td', u.meetsTarget === false ? { class: 'overdue' } : {}, target(u)),
          ),
        ),
      ),
    ),
  );
}
