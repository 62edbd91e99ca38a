import { Badge } from 'design-react-kit';
import { Column, DataTable } from '../../ui/data-table';
import { Loaded } from '../../ui/feedback';
import { dateTime } from '../../ui/format';
import { Page } from '../../ui/page';
import { useApi } from '../../ui/use-api';

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

const late = (n: number) => (n > 0 ? <span className="text-danger fw-semibold">{n}</span> : n);

const COLUMNS: Column<UnitCaseload>[] = [
  { label: 'Unità', cell: (u) => `${u.unitCode} · ${u.name}` },
  { label: 'Cartelle aperte', cell: (u) => u.openCases },
  { label: 'Attività aperte', cell: (u) => u.openTasks },
  { label: 'di cui scadute', cell: (u) => late(u.overdueTasks) },
  { label: 'Scadenze in corso', cell: (u) => u.runningDeadlines },
  { label: 'di cui superate', cell: (u) => late(u.overdueDeadlines) },
  { label: 'Assistenti sociali', cell: (u) => u.socialWorkers },
  {
    label: 'Obiettivo LEPS (1 ogni 5.000 abitanti)',
    cell: (u) =>
      u.requiredSocialWorkers === null ? (
        'popolazione non indicata'
      ) : (
        <>
          {u.requiredSocialWorkers}{' '}
          <Badge color={u.meetsTarget ? 'success' : 'danger'}>
            {u.meetsTarget ? 'raggiunto' : 'non raggiunto'}
          </Badge>
        </>
      ),
  },
];

/** The manager's view across units: caseloads, late work, staff against the LEPS target. */
export function CaseloadsScreen() {
  const caseloads = useApi<{ units: UnitCaseload[]; at: string }>('/stats/caseloads');
  return (
    <Page title="Carichi di lavoro delle unità">
      <Loaded state={caseloads}>
        {({ units, at }) => (
          <>
            <p>Dati al {dateTime(at)}. Solo conteggi: nessun contenuto delle cartelle.</p>
            <DataTable
              caption="Carichi di lavoro per unità territoriale"
              columns={COLUMNS}
              rows={units}
              rowKey={(u) => u.unitCode}
              rowProps={(u) => ({ 'data-unit': u.unitCode })}
            />
          </>
        )}
      </Loaded>
    </Page>
  );
}
