import { Badge, Button } from 'design-react-kit';
import { FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { Column, DataTable } from '../../ui/data-table';
import { Empty, ErrorAlert, Loaded } from '../../ui/feedback';
import { SelectField, TextField } from '../../ui/fields';
import { day } from '../../ui/format';
import { useAction, useApi } from '../../ui/use-api';
import { PATH_STATES } from '../cases/cases';

/** The unit's duties that are not a person's case (GET /api/units/:code/duties). */
interface UnitDuty {
  id: string;
  dutyNumber: string;
  duty: keyof typeof DUTY_LABELS;
  title: string;
  startedAt: string;
  startedBy: string | null;
  name: string;
  state: keyof typeof PATH_STATES;
}

const DUTY_LABELS = {
  network: 'Rete territoriale (scuole, servizi sanitari, terzo settore)',
  fundedProject: 'Progetto finanziato (L. 285/1997, L. 328/2000, fondi europei)',
  studentPlacement: 'Tirocinio di servizio sociale (L-39 / LM-87)',
} as const;

const COLUMNS: Column<UnitDuty>[] = [
  {
    label: 'Attività',
    cell: (d) => (
      <>
        <span className="fw-semibold">{d.title}</span>
        <div className="small text-secondary">{DUTY_LABELS[d.duty] ?? d.name}</div>
      </>
    ),
  },
  { label: 'Numero', cell: (d) => d.dutyNumber },
  {
    label: 'Avviata',
    cell: (d) => `${day(d.startedAt)}${d.startedBy ? ` da ${d.startedBy}` : ''}`,
  },
  {
    label: 'Stato',
    cell: (d) => (
      <Badge color={PATH_STATES[d.state]?.color ?? 'secondary'}>
        {PATH_STATES[d.state]?.label ?? d.state}
      </Badge>
    ),
  },
];

/**
 * What the unit runs besides its cases — the territorial network's meetings, the funded projects
 * it monitors, the students it supervises — with a form for the coordinator to start one. Their
 * steps reach the tasklist under the activity's number.
 */
export function UnitDuties({ unitCode }: { unitCode: string }) {
  const duties = useApi<UnitDuty[]>(`/units/${unitCode}/duties`);
  const [duty, setDuty] = useState('');
  const [title, setTitle] = useState('');
  const [problems, setProblems] = useState<{ duty?: string; title?: string }>({});
  const [started, setStarted] = useState<string | null>(null);
  const start = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      ...(duty ? {} : { duty: 'Scegliere il tipo di attività.' }),
      ...(title.trim().length >= 3 ? {} : { title: 'Scrivere un titolo (almeno 3 caratteri).' }),
    };
    setProblems(found);
    if (found.duty || found.title) return;
    setStarted(null);
    void start
      .run(async () => {
        const created = await api<UnitDuty>('POST', `/units/${unitCode}/duties`, {
          duty,
          title: title.trim(),
        });
        setStarted(
          `Attività avviata: ${created.title} (${created.dutyNumber}). I suoi passi sono tra le attività dell’unità.`,
        );
      })
      .then((done) => {
        if (!done) return;
        setDuty('');
        setTitle('');
        duties.reload();
      });
  };
  return (
    <>
      <form onSubmit={submit} noValidate aria-label="Avvia un'attività dell'unità" className="mb-4">
        <div className="row g-3 align-items-start">
          <div className="col-12 col-md-5">
            <SelectField
              id="attivita-tipo"
              label="Tipo di attività"
              required
              placeholder="Scegliere"
              value={duty}
              error={problems.duty}
              options={Object.entries(DUTY_LABELS).map(([value, label]) => ({ value, label }))}
              onChange={setDuty}
            />
          </div>
          <div className="col-12 col-md-5">
            <TextField
              id="attivita-titolo"
              label="Titolo"
              required
              maxLength={200}
              value={title}
              error={problems.title}
              onChange={setTitle}
            />
          </div>
          <div className="col-12 col-md-2 pt-md-4">
            <Button color="primary" type="submit" disabled={start.busy}>
              Avvia
            </Button>
          </div>
        </div>
        <ErrorAlert error={start.error} />
        {started && (
          <p className="small text-success mb-0" role="status">
            {started}
          </p>
        )}
      </form>
      <Loaded state={duties}>
        {(rows) =>
          rows.length === 0 ? (
            <Empty>Nessuna attività avviata.</Empty>
          ) : (
            <DataTable
              caption="Attività dell’unità"
              columns={COLUMNS}
              rows={rows}
              rowKey={(d) => d.id}
              rowProps={(d) => ({ 'data-duty': d.dutyNumber })}
            />
          )
        }
      </Loaded>
    </>
  );
}
