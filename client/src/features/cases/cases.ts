import { api, ApiError, query } from '../../api/client';
import { Person } from '../front-office/persons';

/** A case as GET /api/cases lists it. */
export interface CaseSummary {
  id: string;
  caseNumber: string;
  unitCode: string;
  status: 'open' | 'closed';
  openedAt: string;
  person: Person;
  caseManager: { id: string; displayName: string } | null;
  /** BPMN process ids, for the path filter. */
  paths: string[];
  pathNames: string[];
}

/** Where one path of the case stands (GET /api/cases/:id). */
export interface CasePath {
  bpmnProcessId: string;
  processInstanceKey: string;
  name: string;
  version: number;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED' | 'CANCELED';
  startedAt: string;
  currentSteps: Array<{ elementId: string; name: string }>;
  incidents: number;
}

export interface HouseholdMember {
  person: Person;
  relationship: string;
}

export interface Household {
  id: string;
  address: string;
  unitCode: string;
  members: HouseholdMember[];
}

/** A case of another member of the household (the case file's family section). */
export interface FamilyCase extends CaseSummary {
  relationship: string | null;
}

export interface CaseDetail extends CaseSummary {
  closedAt: string | null;
  household: Household | null;
  pathInstances: CasePath[];
  /** The household's other cases the caller may open. */
  familyCases: FamilyCase[];
}

/** The search's criteria (GET /api/cases), as the form keeps them. */
export interface CaseCriteria {
  caseNumber?: string;
  name?: string;
  taxCode?: string;
  path?: string;
  status?: 'open' | 'closed';
  caseManagerId?: string;
  unassigned?: boolean;
}

export interface PathOption {
  bpmnProcessId: string;
  name: string;
  /** The value that starts it on a case. */
  path: string;
}

/** An item of the case's timeline: diary entries, path steps, documents, decisions, assignments. */
export interface TimelineItem {
  type: 'diary' | 'path' | 'document' | 'decision' | 'case-manager';
  at: string;
  title: string;
  text?: string;
  id?: string;
  correctsEntryId?: string | null;
  correctedByEntryId?: string | null;
  author?: string;
}

export type DiaryKind = 'note' | 'meeting' | 'home-visit' | 'phone-call' | 'correction';

export type { CaseDeadline, DeadlineExtension } from '../deadlines/deadlines';

export interface DecisionField {
  key: string;
  label: string;
  type: 'date' | 'text' | 'choice' | 'datetime';
  required: boolean;
  options?: Array<{ value: string; label: string }>;
  requiredWhen?: { field: string; value: string };
}

/** A decision an outside party takes that a path of the case waits for now. */
export interface AvailableDecision {
  kind: string;
  label: string;
  authority: string;
  processInstanceKey: string;
  pathName: string;
  stepName: string;
  fields: DecisionField[];
}

export interface Decision {
  id: string;
  kind: string;
  label: string;
  authority: string;
  processInstanceKey: string;
  pathName: string;
  stepName: string;
  details: Array<{ key: string; label: string; value: string; text: string }>;
  documentId: string | null;
  note: string | null;
  recordedBy: string;
  recordedAt: string;
  status: 'pending' | 'delivered' | 'not-delivered';
}

export interface AccessLogEntry {
  id: string;
  at: string;
  username: string;
  displayName: string | null;
  role: string;
  action: string;
  entity: string;
  reason: string | null;
}

/** A caseworker or coordinator of the unit (GET /api/units/:code/staff). */
export interface StaffMember {
  accountId: string;
  username: string;
  displayName: string;
  role: 'caseworker' | 'coordinator';
}

export const casesPath = (criteria: CaseCriteria, limit: number, offset = 0) =>
  `/cases${query({ ...criteria, limit, offset })}`;

/**
 * The case with this number, if the caller may open it: a case of another unit, or one the
 * caseworker neither manages nor works on, is not found, exactly as a wrong number (404).
 */
export async function caseByNumber(caseNumber: string): Promise<CaseDetail> {
  const found = await api<{ items: CaseSummary[] }>(
    'GET',
    `/cases${query({ caseNumber: caseNumber.toUpperCase(), limit: 1 })}`,
  );
  if (!found.items.length) throw new ApiError(404, 'Cartella non trovata.');
  return api<CaseDetail>('GET', `/cases/${found.items[0].id}`);
}

export const CASE_STATUSES: Record<string, { label: string; color: string }> = {
  open: { label: 'Aperta', color: 'success' },
  closed: { label: 'Chiusa', color: 'secondary' },
};

export const PATH_STATES: Record<CasePath['state'], { label: string; color: string }> = {
  ACTIVE: { label: 'In corso', color: 'primary' },
  COMPLETED: { label: 'Concluso', color: 'success' },
  TERMINATED: { label: 'Interrotto', color: 'secondary' },
  CANCELED: { label: 'Annullato', color: 'secondary' },
};

export const DIARY_KINDS: Record<Exclude<DiaryKind, 'correction'>, string> = {
  note: 'Nota',
  meeting: 'Colloquio',
  'home-visit': 'Visita domiciliare',
  'phone-call': 'Telefonata',
};

export const TIMELINE_TYPES: Record<TimelineItem['type'], string> = {
  diary: 'Diario',
  path: 'Percorso',
  document: 'Documento',
  decision: 'Decisione esterna',
  'case-manager': 'Case manager',
};

export const DECISION_STATUSES: Record<Decision['status'], { label: string; color: string }> = {
  pending: { label: 'In consegna al percorso', color: 'warning' },
  delivered: { label: 'Recepita dal percorso', color: 'success' },
  'not-delivered': { label: 'Non recepita: il percorso non la attendeva più', color: 'danger' },
};

export const ACCESS_ACTIONS: Record<string, string> = {
  read: 'Consultazione',
  create: 'Inserimento',
  update: 'Modifica',
  download: 'Scaricamento',
  search: 'Ricerca',
};

export const ACCESS_ENTITIES: Record<string, string> = {
  case: 'cartella',
  person: 'dati della persona',
  document: 'documento',
  diary: 'diario',
  decision: 'decisione esterna',
  grant: 'autorizzazione alla consultazione',
  'access-log': 'registro degli accessi',
  task: 'attività',
  referral: 'segnalazione',
};

export const ROLE_NAMES: Record<string, string> = {
  caseworker: 'Assistente sociale',
  coordinator: 'Coordinatore di unità',
  manager: 'Dirigente',
  admin: 'Amministratore',
  'front-office': 'Operatore di sportello',
  system: 'Sistema',
};
