import { Badge, Button } from 'design-react-kit';
import { FormEvent, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { query } from '../../api/client';
import { Column, DataTable } from '../../ui/data-table';
import { Empty, Loaded } from '../../ui/feedback';
import { SelectField, TextField } from '../../ui/fields';
import { count, dateTime, romeLocalToIso } from '../../ui/format';
import { Page } from '../../ui/page';
import { useApi, useAsync } from '../../ui/use-api';
import { modelPaths } from '../models/models';
import {
  INSTANCE_STATES,
  instanceHref,
  instanceLabel,
  instancesHome,
  InstanceState,
  InstanceSummary,
} from './instances';

const PAGE = 50;

/** The list's filters, as the address keeps them (a filtered list can be bookmarked). */
interface Filters {
  bpmnProcessId: string;
  state: string;
  unitCode: string;
  hasIncident: string;
  /** Days, YYYY-MM-DD, both included. */
  from: string;
  to: string;
  businessKey: string;
}

const FIELDS: Array<keyof Filters> = [
  'bpmnProcessId',
  'state',
  'unitCode',
  'hasIncident',
  'from',
  'to',
  'businessKey',
];

function readFilters(search: string): Filters {
  const params = new URLSearchParams(search);
  return Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ''])) as unknown as Filters;
}

/** The day after a YYYY-MM-DD day, for an end that includes its day. */
function nextDay(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

const COLUMNS: Column<InstanceSummary>[] = [
  {
    label: 'Pratica',
    cell: (i) => (
      <Link href={instanceHref(i.processInstanceKey)} className="fw-semibold">
        {instanceLabel(i)}
      </Link>
    ),
  },
  {
    label: 'Percorso',
    cell: (i) => (
      <>
        {i.processName ?? i.bpmnProcessId}
        <div className="small text-secondary">versione {i.version}</div>
      </>
    ),
  },
  {
    label: 'Stato',
    cell: (i) => (
      <>
        <Badge color={INSTANCE_STATES[i.state].color}>{INSTANCE_STATES[i.state].label}</Badge>
        {i.incidents > 0 && (
          <Badge color="danger" className="ms-1">
            {count(i.incidents, 'incidente', 'incidenti')}
          </Badge>
        )}
      </>
    ),
  },
  { label: 'Avviata', cell: (i) => dateTime(i.startedAt) },
  { label: 'Conclusa', cell: (i) => dateTime(i.endedAt) },
];

/** Every instance of every path, newest first, by path, state, unit, incident and start. */
export function InstancesScreen() {
  const search = useSearch();
  const [, navigate] = useLocation();
  const applied = readFilters(search);
  const [form, setForm] = useState<Filters>(applied);
  const [limit, setLimit] = useState(PAGE);
  const paths = useAsync('paths', modelPaths);
  const units = useApi<Array<{ code: string; name: string }>>('/units');
  const instances = useApi<{ items: InstanceSummary[]; total: number }>(
    `/process-instances${query({
      bpmnProcessId: applied.bpmnProcessId,
      state: applied.state,
      unitCode: applied.unitCode,
      hasIncident: applied.hasIncident,
      startedAfter: applied.from ? romeLocalToIso(`${applied.from}T00:00`) : '',
      startedBefore: applied.to ? romeLocalToIso(`${nextDay(applied.to)}T00:00`) : '',
      businessKey: applied.businessKey.trim(),
      limit,
    })}`,
  );
  const set = (field: keyof Filters) => (value: string) =>
    setForm((f) => ({ ...f, [field]: value }));
  const apply = (filters: Filters) => {
    setLimit(PAGE);
    navigate(`${instancesHome}${query({ ...filters })}`);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply(form);
  };
  const empty = Object.fromEntries(FIELDS.map((f) => [f, ''])) as unknown as Filters;

  return (
    <Page title="Istanze dei percorsi" lead="Ogni percorso avviato, dal più recente.">
      <form className="row align-items-end" onSubmit={submit} aria-label="Filtri delle istanze">
        <SelectField
          id="istanze-percorso"
          className="col-12 col-md-6 col-lg-4"
          label="Percorso"
          value={form.bpmnProcessId}
          placeholder="Tutti i percorsi"
          options={(paths.data ?? []).map((p) => ({ value: p.bpmnProcessId, label: p.name }))}
          onChange={set('bpmnProcessId')}
        />
        <SelectField
          id="istanze-stato"
          className="col-12 col-md-6 col-lg-2"
          label="Stato"
          value={form.state}
          placeholder="Tutti"
          options={(Object.keys(INSTANCE_STATES) as InstanceState[]).map((s) => ({
            value: s,
            label: INSTANCE_STATES[s].label,
          }))}
          onChange={set('state')}
        />
        <SelectField
          id="istanze-unita"
          className="col-12 col-md-6 col-lg-3"
          label="Unità territoriale"
          value={form.unitCode}
          placeholder="Tutte"
          options={(units.data ?? []).map((u) => ({
            value: u.code,
            label: `${u.code} · ${u.name}`,
          }))}
          onChange={set('unitCode')}
        />
        <SelectField
          id="istanze-incidenti"
          className="col-12 col-md-6 col-lg-3"
          label="Incidenti"
          value={form.hasIncident}
          placeholder="Con o senza"
          options={[
            { value: 'true', label: 'Con incidenti aperti' },
            { value: 'false', label: 'Senza incidenti aperti' },
          ]}
          onChange={set('hasIncident')}
        />
        <TextField
          id="istanze-dal"
          className="col-12 col-md-4 col-lg-3"
          type="date"
          label="Avviate dal"
          value={form.from}
          onChange={set('from')}
        />
        <TextField
          id="istanze-al"
          className="col-12 col-md-4 col-lg-3"
          type="date"
          label="Avviate fino al"
          value={form.to}
          onChange={set('to')}
        />
        <TextField
          id="istanze-pratica"
          className="col-12 col-md-4 col-lg-3"
          label="Numero di pratica"
          placeholder="SSC-III-2026-000123"
          value={form.businessKey}
          onChange={set('businessKey')}
        />
        <div className="col-12 col-lg-3 mb-4 toolbar-row">
          <Button color="primary" type="submit">
            Filtra
          </Button>
          <Button
            color="primary"
            outline
            type="button"
            onClick={() => {
              setForm(empty);
              apply(empty);
            }}
          >
            Tutte
          </Button>
        </div>
      </form>
      <Loaded state={instances}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>Nessuna istanza con questi filtri.</Empty>
          ) : (
            <>
              <DataTable
                caption={`Istanze: ${page.total}`}
                showCaption
                columns={COLUMNS}
                rows={page.items}
                rowKey={(i) => i.processInstanceKey}
                rowProps={(i) => ({ 'data-instance': i.processInstanceKey })}
              />
              {page.items.length < page.total && (
                <Button color="primary" outline onClick={() => setLimit(limit + PAGE)}>
                  Mostra altre ({page.total - page.items.length})
                </Button>
              )}
            </>
          )
        }
      </Loaded>
    </Page>
  );
}
