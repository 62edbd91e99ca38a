/** What the managers' deadline figures count (src/stats/dto/deadline-figures.dto.ts). */
export type Measure = 'running' | 'dueSoon' | 'breached' | 'extended' | 'metOnTime' | 'metLate';
export type Group = 'unit' | 'path' | 'kind' | 'caseManager';

export type Counts = Record<Measure, number>;

export interface FigureRow extends Counts {
  key: string;
  label: string;
  legalBasis: string | null;
}

export interface Figures {
  today: string;
  groupBy: Group;
  rows: FigureRow[];
  totals: Counts;
}

export interface Month {
  month: string;
  closed: number;
  metOnTime: number;
  shareOnTime: number | null;
}

export interface DeadlineCase {
  deadlineId: string;
  caseId: string;
  caseNumber: string;
  unitCode: string;
  pathName: string | null;
  kind: string;
  label: string;
  legalBasis: string | null;
  dueDate: string;
  status: 'running' | 'met' | 'breached';
  metOn: string | null;
  extensions: number;
  caseFileReadable: boolean;
}

export const MEASURES: Array<{ measure: Measure; label: string }> = [
  { measure: 'running', label: 'In corso' },
  { measure: 'dueSoon', label: 'In scadenza' },
  { measure: 'breached', label: 'Superate' },
  { measure: 'extended', label: 'Prorogate' },
  { measure: 'metOnTime', label: 'Rispettate in tempo' },
  { measure: 'metLate', label: 'Rispettate in ritardo' },
];

export const GROUPS: Array<{ value: Group; label: string }> = [
  { value: 'unit', label: 'Unità territoriale' },
  { value: 'path', label: 'Percorso' },
  { value: 'kind', label: 'Tipo di scadenza' },
  { value: 'caseManager', label: 'Case manager' },
];

/** The API filter a group's row stands for. */
export const GROUP_FILTER: Record<Group, string> = {
  unit: 'unitCode',
  path: 'bpmnProcessId',
  kind: 'kind',
  caseManager: 'caseManagerId',
};

/** The dashboard's criteria, as the screens keep them in the address (Italian names). */
export interface Criteria {
  groupBy: Group;
  /** Working days, as typed. */
  within: string;
  from: string;
  to: string;
}

export function criteriaOf(search: URLSearchParams): Criteria {
  const group = search.get('per');
  return {
    groupBy: GROUPS.some((g) => g.value === group) ? (group as Group) : 'unit',
    within: search.get('entro') ?? '',
    from: search.get('dal') ?? '',
    to: search.get('al') ?? '',
  };
}

/** The API's filters for these criteria. */
export function filtersOf(criteria: Criteria) {
  return {
    dueWithinWorkingDays: criteria.within,
    dueFrom: criteria.from,
    dueTo: criteria.to,
  };
}

export function measureLabel(measure: string): string {
  return MEASURES.find((m) => m.measure === measure)?.label ?? measure;
}
