import { Button } from 'design-react-kit';
import { FormEvent, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { query } from '../../api/client';
import { DataTable } from '../../ui/data-table';
import { Empty, Loaded } from '../../ui/feedback';
import { SelectField, TextField } from '../../ui/fields';
import { day } from '../../ui/format';
import { ExportButtons } from '../../ui/export-buttons';
import { Page, Section } from '../../ui/page';
import { useApi } from '../../ui/use-api';
import {
  Counts,
  Criteria,
  criteriaOf,
  FigureRow,
  Figures,
  filtersOf,
  Group,
  GROUP_FILTER,
  GROUPS,
  Measure,
  MEASURES,
  Month,
} from './deadline-figures';

const MONTHS = 12;
const DANGER: ReadonlySet<Measure> = new Set(['breached', 'metLate']);

/**
 * The legal deadlines across the city, for a manager's morning: counts by unit, path, kind of
 * deadline or case manager, each a link to the deadlines behind it; the share met on time month
 * by month; every table downloadable as CSV (the download is logged).
 */
export function DeadlineFiguresScreen() {
  const search = useSearch();
  const criteria = criteriaOf(new URLSearchParams(search));
  const [, navigate] = useLocation();
  const filters = filtersOf(criteria);
  const figures = useApi<Figures>(
    `/stats/deadlines${query({ groupBy: criteria.groupBy, ...filters })}`,
  );
  const months = useApi<{ months: Month[] }>(
    `/stats/deadlines/months${query({ months: MONTHS, ...filters })}`,
  );
  const groupLabel = GROUPS.find((g) => g.value === criteria.groupBy)!.label;

  const apply = (next: Criteria) =>
    navigate(
      `/direzione/scadenze${query({
        per: next.groupBy === 'unit' ? '' : next.groupBy,
        entro: next.within,
        dal: next.from,
        al: next.to,
      })}`,
      { replace: true },
    );

  /** The list behind a figure: the row's filter (none for the totals) and the measure. */
  const listHref = (measure: Measure, row: FigureRow | null) =>
    `/direzione/scadenze/elenco${query({
      misura: measure,
      ...(row ? { [GROUP_FILTER[criteria.groupBy]]: row.key } : {}),
      voce: row ? row.label : '',
      entro: criteria.within,
      dal: criteria.from,
      al: criteria.to,
    })}`;

  const figure = (counts: Counts, measure: Measure, row: FigureRow | null, rowLabel: string) => {
    const n = counts[measure];
    if (n === 0) return 0;
    const label = MEASURES.find((m) => m.measure === measure)!.label;
    return (
      <Link
        href={listHref(measure, row)}
        className={DANGER.has(measure) ? 'text-danger fw-semibold' : undefined}
        aria-label={`${n} ${label.toLowerCase()}: ${rowLabel}`}
      >
        {n}
      </Link>
    );
  };

  return (
    <Page
      title="Scadenze legali"
      lead="Le scadenze di tutte le unità, contate dai percorsi. Solo numeri: le cartelle si aprono con un accesso concesso."
    >
      <Filters key={search} criteria={criteria} onApply={apply} />
      <Loaded state={figures}>
        {(data) => (
          <Section
            title={`Per ${groupLabel.toLowerCase()}`}
            actions={
              <ExportButtons
                path="/stats/deadlines"
                params={{ groupBy: criteria.groupBy, ...filters }}
                of={`delle scadenze per ${groupLabel.toLowerCase()}`}
              />
            }
          >
            <p className="small">
              Al {day(data.today)}. «In scadenza»: entro {criteria.within || '10'} giorni lavorativi
              (calendario di Palermo). «Superate»: anche quelle in corso oltre il giorno.
            </p>
            {data.rows.length === 0 ? (
              <Empty>Nessuna scadenza con questi criteri.</Empty>
            ) : (
              <DataTable<FigureRow | null>
                caption={`Scadenze per ${groupLabel.toLowerCase()}`}
                columns={[
                  {
                    label: groupLabel,
                    cell: (row) =>
                      row ? (
                        <>
                          {row.label}
                          {row.legalBasis && (
                            <div className="small text-secondary">{row.legalBasis}</div>
                          )}
                        </>
                      ) : (
                        <span className="fw-semibold">Totale</span>
                      ),
                  },
                  ...MEASURES.map(({ measure, label }) => ({
                    label,
                    className: 'text-end',
                    cell: (row: FigureRow | null) =>
                      figure(row ?? data.totals, measure, row, row ? row.label : 'totale'),
                  })),
                ]}
                rows={[...data.rows, null]}
                rowKey={(row) => (row ? `r-${row.key}` : 'totale')}
                rowProps={(row) => ({ 'data-figure': row ? row.key : 'totale' })}
              />
            )}
          </Section>
        )}
      </Loaded>
      <Loaded state={months}>
        {({ months: rows }) => (
          <Section
            title="Rispettate in tempo, mese per mese"
            actions={
              <ExportButtons
                path="/stats/deadlines/months"
                params={{ months: MONTHS, ...filters }}
                of="mese per mese"
              />
            }
          >
            <p className="small">
              Per mese del giorno di scadenza: le scadenze chiuse (rispettate o superate) e la quota
              rispettata entro il giorno.
            </p>
            <DataTable
              caption="Quota di scadenze rispettate in tempo per mese"
              columns={[
                { label: 'Mese', cell: (m) => monthName(m.month) },
                { label: 'Chiuse', className: 'text-end', cell: (m) => m.closed },
                { label: 'Rispettate in tempo', className: 'text-end', cell: (m) => m.metOnTime },
                {
                  label: 'Quota',
                  className: 'text-end',
                  cell: (m) =>
                    m.shareOnTime === null ? '—' : `${Math.round(m.shareOnTime * 100)}%`,
                },
              ]}
              rows={rows}
              rowKey={(m) => m.month}
              rowProps={(m) => ({ 'data-month': m.month })}
            />
          </Section>
        )}
      </Loaded>
    </Page>
  );
}

function monthName(month: string): string {
  const [year, number] = month.split('-').map(Number);
  return new Date(Date.UTC(year, number - 1, 1)).toLocaleDateString('it-IT', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** Group by, within how many working days, and the due days' period. */
function Filters({
  criteria,
  onApply,
}: {
  criteria: Criteria;
  onApply: (criteria: Criteria) => void;
}) {
  const [form, setForm] = useState(criteria);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const within = form.within.trim();
    if (within && (!/^\d{1,3}$/.test(within) || Number(within) > 365)) {
      return setProblem('Indicare un numero di giorni lavorativi da 0 a 365.');
    }
    setProblem(null);
    onApply({ ...form, within });
  };
  return (
    <form
      className="row g-2 align-items-end mb-3"
      onSubmit={submit}
      role="search"
      aria-label="Criteri delle scadenze"
      noValidate
    >
      <SelectField
        id="scadenze-per"
        className="col-12 col-md-3"
        label="Raggruppa per"
        value={form.groupBy}
        options={GROUPS}
        onChange={(groupBy) => setForm({ ...form, groupBy: groupBy as Group })}
      />
      <TextField
        id="scadenze-entro"
        className="col-12 col-md-3"
        label="In scadenza entro (giorni lavorativi)"
        type="number"
        inputMode="numeric"
        min={0}
        max={365}
        placeholder="10"
        value={form.within}
        onChange={(within) => setForm({ ...form, within })}
        error={problem}
      />
      <TextField
        id="scadenze-dal"
        className="col-6 col-md-2"
        label="Scadenza dal"
        type="date"
        value={form.from}
        onChange={(from) => setForm({ ...form, from })}
      />
      <TextField
        id="scadenze-al"
        className="col-6 col-md-2"
        label="Scadenza al"
        type="date"
        value={form.to}
        onChange={(to) => setForm({ ...form, to })}
      />
      <div className="col-12 col-md-2">
        <Button color="primary" type="submit">
          Applica
        </Button>
      </div>
    </form>
  );
}
