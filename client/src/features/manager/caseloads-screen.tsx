import { Badge, Button } from 'design-react-kit';
import { FormEvent, useState } from 'react';
import { api, query } from '../../api/client';
import { useAccount } from '../../session/use-session';
import { Column, DataTable } from '../../ui/data-table';
import { ExportButtons } from '../../ui/export-buttons';
import { Empty, Loaded } from '../../ui/feedback';
import { SelectField, TextField } from '../../ui/fields';
import { dateTime } from '../../ui/format';
import { Page, Section } from '../../ui/page';
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
  socialWorkersFte: number;
  population: number | null;
  requiredSocialWorkers: number | null;
  meetsTarget: boolean | null;
}

interface WorkerLoad {
  accountId: string;
  displayName: string;
  role: 'caseworker' | 'coordinator';
  unitCode: string;
  fte: number;
  openCases: number;
  openTasks: number;
  overdueTasks: number;
}

const late = (n: number) => (n > 0 ? <span className="text-danger fw-semibold">{n}</span> : n);
const decimal = (n: number) => n.toLocaleString('it-IT', { maximumFractionDigits: 2 });

function columns(admin: boolean, onPopulation: () => void): Column<UnitCaseload>[] {
  return [
    { label: 'Unità', cell: (u) => (u.unitCode ? `${u.unitCode} · ${u.name}` : u.name) },
    { label: 'Cartelle aperte', cell: (u) => u.openCases },
    { label: 'Attività aperte', cell: (u) => u.openTasks },
    { label: 'di cui scadute', cell: (u) => late(u.overdueTasks) },
    { label: 'Scadenze in corso', cell: (u) => u.runningDeadlines },
    { label: 'di cui superate', cell: (u) => late(u.overdueDeadlines) },
    {
      label: 'Assistenti sociali (tempi pieni)',
      cell: (u) => `${u.socialWorkers} (${decimal(u.socialWorkersFte)})`,
    },
    {
      label: 'Abitanti',
      cell: (u) =>
        admin && u.unitCode ? (
          <PopulationForm unit={u} onSaved={onPopulation} />
        ) : u.population === null ? (
          'non indicati'
        ) : (
          u.population.toLocaleString('it-IT')
        ),
    },
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
}

/**
 * The manager's view across units: caseloads, late work, social workers in full-time
 * equivalents against the LEPS target, per unit and for the ambito; each worker's load. An
 * administrator sets each unit's population here.
 */
export function CaseloadsScreen() {
  const admin = useAccount().role === 'admin';
  const caseloads = useApi<{ units: UnitCaseload[]; ambito: UnitCaseload; at: string }>(
    '/stats/caseloads',
  );
  const [unit, setUnit] = useState('');
  const workers = useApi<WorkerLoad[]>(`/stats/caseworkers${query({ unitCode: unit })}`);
  return (
    <Page
      title="Carichi di lavoro delle unità"
      actions={<ExportButtons path="/stats/caseloads" of="dei carichi per unità" />}
    >
      <Loaded state={caseloads}>
        {({ units, ambito, at }) => (
          <>
            <p>
              Dati al {dateTime(at)}. Solo conteggi: nessun contenuto delle cartelle. Gli assistenti
              sociali si contano anche in tempi pieni, come chiedono i LEPS.
            </p>
            <DataTable
              caption="Carichi di lavoro per unità territoriale e per l’ambito"
              columns={columns(admin, caseloads.reload)}
              rows={[...units, ambito]}
              rowKey={(u) => u.unitCode || 'ambito'}
              rowProps={(u) => ({ 'data-unit': u.unitCode || 'ambito' })}
            />
            <Section
              title="Carico di ciascuno"
              actions={
                <ExportButtons
                  path="/stats/caseworkers"
                  params={{ unitCode: unit }}
                  of="del carico di ciascuno"
                />
              }
            >
              <SelectField
                id="carichi-unita"
                className="col-12 col-md-4 mb-3"
                label="Unità"
                value={unit}
                placeholder="Tutte"
                options={units.map((u) => ({
                  value: u.unitCode,
                  label: `${u.unitCode} · ${u.name}`,
                }))}
                onChange={setUnit}
              />
              <Loaded state={workers}>
                {(rows) =>
                  rows.length === 0 ? (
                    <Empty>Nessun assistente sociale o coordinatore attivo in questa unità.</Empty>
                  ) : (
                    <DataTable
                      caption="Carico di ciascun assistente sociale e coordinatore"
                      columns={[
                        { label: 'Nome', cell: (w) => w.displayName },
                        {
                          label: 'Ruolo',
                          cell: (w) =>
                            w.role === 'coordinator' ? 'Coordinatore' : 'Assistente sociale',
                        },
                        { label: 'Unità', cell: (w) => w.unitCode },
                        { label: 'Tempo pieno', cell: (w) => decimal(w.fte) },
                        { label: 'Cartelle', cell: (w) => w.openCases },
                        { label: 'Attività', cell: (w) => w.openTasks },
                        { label: 'di cui scadute', cell: (w) => late(w.overdueTasks) },
                      ]}
                      rows={rows}
                      rowKey={(w) => w.accountId}
                      rowProps={(w) => ({ 'data-worker': w.displayName })}
                    />
                  )
                }
              </Loaded>
            </Section>
          </>
        )}
      </Loaded>
    </Page>
  );
}

/** An administrator's setting: the unit's inhabitants, the base of its LEPS target. */
function PopulationForm({ unit, onSaved }: { unit: UnitCaseload; onSaved: () => void }) {
  const [value, setValue] = useState(unit.population === null ? '' : String(unit.population));
  const [problem, setProblem] = useState<string | null>(null);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const population = Number(value.replace(/\./g, ''));
    if (!Number.isInteger(population) || population < 1) {
      return setProblem('Indicare un numero intero di abitanti.');
    }
    setProblem(null);
    try {
      await api('PATCH', `/stats/units/${unit.unitCode}`, { population });
      onSaved();
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  return (
    <form className="d-flex gap-1 align-items-end" onSubmit={save} noValidate>
      <TextField
        id={`abitanti-${unit.unitCode}`}
        className="heat-hours"
        label={
          <span className="small">
            Abitanti<span className="visually-hidden"> dell’unità {unit.unitCode}</span>
          </span>
        }
        inputMode="numeric"
        value={value}
        onChange={setValue}
        error={problem}
      />
      <Button color="primary" size="xs" type="submit">
        Salva<span className="visually-hidden"> gli abitanti dell’unità {unit.unitCode}</span>
      </Button>
    </form>
  );
}
