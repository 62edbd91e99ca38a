import { Alert } from 'design-react-kit';
import { ReactNode, useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { ApiError } from '../../api/client';
import { useAccount } from '../../session/use-session';
import { ErrorAlert, Loading } from '../../ui/feedback';
import { Page } from '../../ui/page';
import { TabItem, Tabs } from '../../ui/tabs';
import { asApiError, useApi } from '../../ui/use-api';
import { HOME } from '../../app/routes';
import { CaseAccessLog } from './case-access-log';
import { CaseDeadlines } from './case-deadlines';
import { CaseDecisions } from './case-decisions';
import { CaseDiary } from './case-diary';
import { CaseFile, CaseFileContext, CaseTab, permissions } from './case-file';
import { CasePaths } from './case-paths';
import { CasePerson } from './case-person';
import { CaseSummary } from './case-summary';
import { CaseTasks } from './case-tasks';
import { AvailableDecision, CaseDeadline, caseByNumber, CaseDetail } from './cases';
import { Documents } from '../documents/documents';

const NOT_READABLE = 'Cartella non trovata o non consultabile con il proprio ruolo';

/**
 * The case file as the caseworker's working place: a summary on top (person, case manager,
 * paths and where they stand, the next deadline, what is awaited from outside), then a tab per
 * kind of work. A tab is opened the first time it is chosen and kept (its reads are logged once).
 */
export function CaseFileScreen({ params }: { params: { caseNumber?: string } }) {
  const caseNumber = (params.caseNumber ?? '').toUpperCase();
  const account = useAccount();
  const [detail, setDetail] = useState<CaseDetail | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [round, setRound] = useState(0);
  const refresh = useCallback(() => setRound((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    caseByNumber(caseNumber).then(
      (found) => {
        if (!live) return;
        setDetail(found);
        setError(undefined);
      },
      (failure: unknown) => live && setError(asApiError(failure)),
    );
    return () => {
      live = false;
    };
  }, [caseNumber, round]);

  if (error?.status === 404 || error?.status === 403) return <NotReadable />;
  if (error && !detail)
    return (
      <Page title={`Cartella ${caseNumber}`}>
        <ErrorAlert error={error} />
      </Page>
    );
  if (!detail || detail.caseNumber !== caseNumber) return <Loading />;
  return (
    <OpenCase
      detail={detail}
      round={round}
      refresh={refresh}
      error={error}
      isManager={account.role === 'manager'}
    />
  );
}

function OpenCase({
  detail,
  round,
  refresh,
  error,
  isManager,
}: {
  detail: CaseDetail;
  round: number;
  refresh: () => void;
  error: ApiError | undefined;
  isManager: boolean;
}) {
  const account = useAccount();
  const [location, navigate] = useLocation();
  const search = new URLSearchParams(useSearch());
  const rights = permissions(account, detail);
  const tabs: Array<TabItem<CaseTab> & { render: (visible: boolean) => ReactNode }> = [];
  const base = `/cases/${detail.id}`;
  const deadlines = useApi<CaseDeadline[]>(`${base}/deadlines`);
  const awaited = useApi<AvailableDecision[]>(`${base}/decisions/available`);
  const { reload: reloadDeadlines } = deadlines;
  const { reload: reloadAwaited } = awaited;
  useEffect(() => {
    if (round === 0) return;
    reloadDeadlines();
    reloadAwaited();
  }, [round, reloadDeadlines, reloadAwaited]);

  tabs.push(
    {
      key: 'percorsi',
      label: 'Percorsi',
      render: (visible) => <CasePaths visible={visible} />,
    },
    {
      key: 'scadenze',
      label: 'Scadenze',
      count:
        deadlines.data?.filter((d) => d.status === 'running' || d.status === 'breached').length ||
        undefined,
      render: () => <CaseDeadlines deadlines={deadlines} />,
    },
    { key: 'diario', label: 'Diario e cronologia', render: () => <CaseDiary /> },
    {
      key: 'documenti',
      label: 'Documenti',
      render: () => (
        <Documents base={`${base}/documents`} canUpload={rights.canChange} onUploaded={refresh} />
      ),
    },
  );
  if (!isManager) tabs.push({ key: 'attivita', label: 'Attività', render: () => <CaseTasks /> });
  tabs.push(
    {
      key: 'decisioni',
      label: 'Decisioni esterne',
      count: awaited.data?.length || undefined,
      render: () => <CaseDecisions awaited={awaited} />,
    },
    { key: 'persona', label: 'Persona e nucleo', render: () => <CasePerson /> },
  );
  if (rights.isCoordinator)
    tabs.push({ key: 'accessi', label: 'Accessi', render: () => <CaseAccessLog /> });

  const asked = search.get('scheda') as CaseTab | null;
  const selected = tabs.some((t) => t.key === asked) ? asked! : 'percorsi';
  const [opened, setOpened] = useState<Set<CaseTab>>(() => new Set([selected]));
  const show = useCallback(
    (tab: CaseTab) => {
      setOpened((all) => (all.has(tab) ? all : new Set(all).add(tab)));
      navigate(`${location}?scheda=${tab}`, { replace: true });
    },
    [location, navigate],
  );
  // Reached through the address (a link, back): open it too.
  if (!opened.has(selected)) setOpened(new Set(opened).add(selected));

  const file: CaseFile = { detail, base, ...rights, round, refresh, show };

  return (
    <CaseFileContext.Provider value={file}>
      <Page
        title={`Cartella ${detail.caseNumber}`}
        lead={`${detail.person.surname} ${detail.person.name}`}
        back={isManager ? undefined : { href: '/casi', label: 'Cartelle' }}
      >
        <ErrorAlert error={error} />
        {isManager && (
          <Alert color="info" fade={false}>
            Consultazione in sola lettura, autorizzata dal coordinatore dell’unità.
          </Alert>
        )}
        {!isManager && !rights.canWrite && (
          <Alert color="info" fade={false}>
            Può consultare la cartella per le attività che le sono assegnate. Diario, decisioni
            esterne e proroghe li registrano il case manager e il coordinatore dell’unità.
          </Alert>
        )}
        <CaseSummary deadlines={deadlines.data} awaited={awaited.data} />
        <div className="case-tabs">
          <Tabs
            label="Sezioni della cartella"
            idPrefix="cartella"
            items={tabs}
            selected={selected}
            onSelect={show}
          >
            {tabs
              .filter((tab) => opened.has(tab.key))
              .map((tab) => (
                <div key={tab.key} hidden={tab.key !== selected} data-tab={tab.key}>
                  {tab.render(tab.key === selected)}
                </div>
              ))}
          </Tabs>
        </div>
      </Page>
    </CaseFileContext.Provider>
  );
}

/** A case that does not exist, or that the caller may not open: said plainly, with ways on. */
function NotReadable() {
  const account = useAccount();
  const social = account.role === 'caseworker' || account.role === 'coordinator';
  return (
    <Page title="Cartella non consultabile">
      <Alert color="warning" fade={false}>
        {NOT_READABLE}.
      </Alert>
      <p>
        Una cartella si può aprire se si è il suo case manager, se si ha un’attività su di essa o,
        per il coordinatore, se è della propria unità. Se serve consultarla, chiederlo al
        coordinatore dell’unità.
      </p>
      <ul className="toolbar-row list-unstyled">
        {social ? (
          <>
            <li>
              <Link href="/attivita" className="btn btn-primary">
                Torna alle attività
              </Link>
            </li>
            <li>
              <Link href="/casi" className="btn btn-outline-primary">
                Cerca una cartella
              </Link>
            </li>
          </>
        ) : (
          <li>
            <Link href={HOME[account.role]} className="btn btn-primary">
              Torna alla pagina iniziale
            </Link>
          </li>
        )}
      </ul>
    </Page>
  );
}
