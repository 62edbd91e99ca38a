import { Button } from 'design-react-kit';
import { FormEvent, ReactNode, useMemo, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { query } from '../../api/client';
import { DataTable } from '../../ui/data-table';
import { ExportButtons } from '../../ui/export-buttons';
import { Loaded } from '../../ui/feedback';
import { SelectField } from '../../ui/fields';
import { day } from '../../ui/format';
import { Page, Section } from '../../ui/page';
import { useApi } from '../../ui/use-api';
import { TrendChart, TrendSeries } from './trend-chart';

interface TrendPeriod {
  start: string;
  opened: number;
  closed: number;
  breached: number;
}

interface Criteria {
  interval: 'month' | 'week';
  unitCode: string;
  bpmnProcessId: string;
}

const PERIODS = { month: 12, week: 26 } as const;
const MEASURES = [
  { key: 'opened', label: 'Cartelle aperte', stroke: '#0066cc' },
  { key: 'closed', label: 'Cartelle chiuse', stroke: '#008055', dash: [10, 5] },
  { key: 'breached', label: 'Scadenze superate', stroke: '#d9364f', dash: [3, 4] },
] as const;

/** Under the chart's axis: «gen 26», «29/06». */
function tickLabel(interval: Criteria['interval'], start: string): string {
  if (interval === 'week') return `${start.slice(8, 10)}/${start.slice(5, 7)}`;
  return new Date(`${start}T12:00:00Z`).toLocaleDateString('it-IT', {
    month: 'short',
    year: '2-digit',
  });
}

function periodLabel(interval: Criteria['interval'], start: string): string {
  if (interval === 'week') return `dal ${day(start)}`;
  return new Date(`${start}T12:00:00Z`).toLocaleDateString('it-IT', {
    month: 'short',
    year: 'numeric',
  });
}

/**
 * How the service's work moves: cases opened and closed, legal deadlines breached, month by
 * month or week by week, for the city, a unit or a path; a chart and the same numbers as a table.
 */
export function TrendsScreen() {
  const params = new URLSearchParams(useSearch());
  const criteria: Criteria = {
    interval: params.get('per') === 'settimana' ? 'week' : 'month',
    unitCode: params.get('unita') ?? '',
    bpmnProcessId: params.get('percorso') ?? '',
  };
  const [, navigate] = useLocation();
  const filters = {
    interval: criteria.interval,
    periods: PERIODS[criteria.interval],
    unitCode: criteria.unitCode,
    bpmnProcessId: criteria.bpmnProcessId,
  };
  const trends = useApi<{ interval: Criteria['interval']; periods: TrendPeriod[] }>(
    `/stats/trends${query(filters)}`,
  );
  const units = useApi<{ units: Array<{ unitCode: string; name: string }> }>('/stats/caseloads');
  const paths = useApi<Array<{ bpmnProcessId: string; name: string | null }>>('/stats/paths');
  const apply = (next: Criteria) =>
    navigate(
      `/direzione/andamento${query({
        per: next.interval === 'week' ? 'settimana' : '',
        unita: next.unitCode,
        percorso: next.bpmnProcessId,
      })}`,
      { replace: true },
    );
  const unitOptions = units.data?.units.map((u) => ({
    value: u.unitCode,
    label: `${u.unitCode} · ${u.name}`,
  }));
  const pathOptions = paths.data?.map((p) => ({
    value: p.bpmnProcessId,
    label: p.name ?? p.bpmnProcessId,
  }));

  return (
    <Page
      title="Andamento"
      lead="Cartelle aperte e chiuse e scadenze legali superate nel tempo, per tutta la città, un’unità o un percorso."
    >
      <Filters
        key={`${criteria.interval}|${criteria.unitCode}|${criteria.bpmnProcessId}`}
        criteria={criteria}
        units={unitOptions ?? []}
        paths={pathOptions ?? []}
        onApply={apply}
      />
      <Loaded state={trends}>
        {({ interval, periods }) => (
          <Trend
            interval={interval}
            periods={periods}
            actions={<ExportButtons path="/stats/trends" params={filters} of="dell’andamento" />}
          />
        )}
      </Loaded>
    </Page>
  );
}

function Trend({
  interval,
  periods,
  actions,
}: {
  interval: Criteria['interval'];
  periods: TrendPeriod[];
  actions: ReactNode;
}) {
  const labels = useMemo(
    () => periods.map((p) => tickLabel(interval, p.start)),
    [interval, periods],
  );
  const series: TrendSeries[] = useMemo(
    () =>
      MEASURES.map((m) => ({
        label: m.label,
        stroke: m.stroke,
        dash: 'dash' in m ? [...m.dash] : undefined,
        values: periods.map((p) => p[m.key]),
      })),
    [periods],
  );
  const total = (key: (typeof MEASURES)[number]['key']) =>
    periods.reduce((sum, p) => sum + p[key], 0);
  const span = interval === 'week' ? `${periods.length} settimane` : `${periods.length} mesi`;
  const summary =
    `Grafico dell’andamento negli ultimi ${span}: ` +
    MEASURES.map((m) => `${m.label.toLowerCase()} ${total(m.key)}`).join(', ') +
    '. I numeri di ogni periodo sono nella tabella.';
  return (
    <Section
      title={interval === 'week' ? 'Settimana per settimana' : 'Mese per mese'}
      actions={actions}
    >
      <div className="row g-4">
        <div className="col-12 col-xl-7">
          <TrendChart labels={labels} series={series} summary={summary} />
        </div>
        <div className="col-12 col-xl-5">
          <DataTable
            caption={`Andamento ${interval === 'week' ? 'settimanale' : 'mensile'}: i numeri del grafico`}
            columns={[
              {
                label: interval === 'week' ? 'Settimana' : 'Mese',
                className: 'text-nowrap',
                cell: (p) => periodLabel(interval, p.start),
              },
              ...MEASURES.map((m) => ({
                label: m.label,
                className: 'text-end',
                cell: (p: TrendPeriod) => p[m.key],
              })),
            ]}
            rows={periods}
            rowKey={(p) => p.start}
          />
        </div>
      </div>
    </Section>
  );
}

function Filters({
  criteria,
  units,
  paths,
  onApply,
}: {
  criteria: Criteria;
  units: Array<{ value: string; label: string }>;
  paths: Array<{ value: string; label: string }>;
  onApply: (next: Criteria) => void;
}) {
  const [form, setForm] = useState(criteria);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(form);
  };
  return (
    <form
      className="row g-2 align-items-end mb-3"
      onSubmit={submit}
      role="search"
      aria-label="Periodo, unità e percorso"
      noValidate
    >
      <SelectField
        id="andamento-per"
        className="col-12 col-md-3"
        label="Periodi"
        value={form.interval}
        options={[
          { value: 'month', label: `Mesi (ultimi ${PERIODS.month})` },
          { value: 'week', label: `Settimane (ultime ${PERIODS.week})` },
        ]}
        onChange={(interval) => setForm({ ...form, interval: interval as Criteria['interval'] })}
      />
      <SelectField
        id="andamento-unita"
        className="col-12 col-md-3"
        label="Unità"
        value={form.unitCode}
        placeholder="Tutte"
        options={units}
        onChange={(unitCode) => setForm({ ...form, unitCode })}
      />
      <SelectField
        id="andamento-percorso"
        className="col-12 col-md-4"
        label="Percorso"
        value={form.bpmnProcessId}
        placeholder="Tutti"
        options={paths}
        onChange={(bpmnProcessId) => setForm({ ...form, bpmnProcessId })}
      />
      <div className="col-12 col-md-2">
        <Button color="primary" type="submit">
          Mostra
        </Button>
      </div>
    </form>
  );
}
