import { createContext, useContext, useEffect, useRef } from 'react';
import { Account } from '../../session/session';
import { Loaded, useApi } from '../../ui/use-api';
import { CaseDetail } from './cases';

/** What every section of an open case file shares: the case, what the caller may do, a refresh. */
export interface CaseFile {
  detail: CaseDetail;
  /** `/cases/:id`, the base of the case's routes. */
  base: string;
  /** Diary, outside decisions, proroghe: the case manager and the unit's coordinator. */
  canWrite: boolean;
  /** Uploads: anyone who may open the case except a manager, who only reads. */
  canChange: boolean;
  isCoordinator: boolean;
  /** Grows at each refresh: the sections ask the API again. */
  round: number;
  /** After a change: the case, its paths and every open section again. */
  refresh: () => void;
  /** Opens a tab of the case file (the summary's links). */
  show: (tab: CaseTab) => void;
}

export type CaseTab =
  | 'percorsi'
  | 'scadenze'
  | 'diario'
  | 'documenti'
  | 'attivita'
  | 'decisioni'
  | 'persona'
  | 'accessi';

export const CaseFileContext = createContext<CaseFile | null>(null);

export function useCaseFile(): CaseFile {
  const file = useContext(CaseFileContext);
  if (!file) throw new Error('useCaseFile outside a case file');
  return file;
}

export function permissions(account: Account, detail: CaseDetail) {
  const isCoordinator = account.role === 'coordinator';
  return {
    isCoordinator,
    canWrite: isCoordinator || detail.caseManager?.id === account.id,
    canChange: account.role === 'caseworker' || isCoordinator,
  };
}

/** A GET of the case file's, asked again when the case file refreshes (`null` asks nothing). */
export function useCaseApi<T>(path: string | null): Loaded<T> {
  const { round } = useCaseFile();
  const state = useApi<T>(path);
  const first = useRef(round);
  const { reload } = state;
  useEffect(() => {
    if (round !== first.current) reload();
  }, [round, reload]);
  return state;
}
