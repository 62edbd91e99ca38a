import { Badge, Button } from 'design-react-kit';
import { FormEvent, useCallback, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { api, query } from '../../api/client';
import { HeatFlow, HeatStep } from '../../bpmn/heatmap-viewer';
import { useDiagram } from '../../bpmn/use-diagram';
import { useAccount } from '../../session/use-session';
import { DataTable } from '../../ui/data-table';
import { ExportButtons } from '../../ui/export-buttons';
import { Empty, ErrorAlert, Loaded } from '../../ui/feedback';
import { SelectField, TextField } from '../../ui/fields';
import { day } from '../../ui/format';
import { Page, Section } from '../../ui/page';
import { useApi } from '../../ui/use-api';

interface PathSummary {
  bpmnProcessId: string;
  name: string | null;
  version: number;
}

interface Threshold {
  amberSeconds: number;
  redSeconds: number;
}

interface StepFigure {
  elementId: string;
  name: string | null;
  reached: number;
  waitingNow: number;
  p50Seconds: number | null;
  p90Seconds: number | null;
  threshold: Threshold | null;
  level: 'ok' | 'amber' | 'red' | null;
}

interface PathFigures {
  bpmnProcessId: string;
  name: string | null;
  version: number;
  xml: string;
  from: string;
  to: string;
  elements: StepFigure[];
  flows: Array<{ flowId: string; name: string | null; taken: number; share: number | null }>;
}

const LEVEL: Record<'ok' | 'amber' | 'red', { label: string; color: string }> = {
  ok: { label: 'nei tempi', color: 'success' },
  amber: { label: 'oltre la soglia gialla', color: 'warning' },
  red: { label: 'oltre la soglia rossa', color: 'danger' },
};
const HOUR = 3600;

/** 40 s → «40 s», 90 s → «2 min», 5400 s → «1,5 h», 3 days → «3 g». */
function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  const format = (n: number) => n.toLocaleString('it-IT', { maximumFractionDigits: 1 });
  if (seconds < 60) return `${seconds} s`;
  if (seconds < HOUR) return `${format(Math.round(seconds / 60))} min`;
  if (seconds < 48 * HOUR) return `${format(seconds / HOUR)} h`;
  return `${format(seconds / (24 * HOUR))} g`;
}

/**
 * Where cases wait on a path: its diagram with each step coloured against the thresholds an
 * administrator set (what Optimize's heatmaps still lack), the figures as a table beside it for
 * who cannot read the colours, and each gateway exit's share. An administrator sets the
 * thresholds here, per step.
 */
export function PathHeatmapScreen() {
  const search = new URLSearchParams(useSearch());
  const path = search.get('percorso') ?? '';
  const from = search.get('dal') ?? '';
  const to = search.get('al') ?? '';
  const [, navigate] = useLocation();
  const paths = useApi<PathSummary[]>('/stats/paths');
  const figures = useApi<PathFigures>(
    path ? `/stats/paths/${encodeURIComponent(path)}/elements${query({ from, to })}` : null,
  );
  const admin = useAccount().role === 'admin';
  const choose = (next: { path: string; from: string; to: string }) =>
    navigate(`/direzione/percorsi${query({ percorso: next.path, dal: next.from, al: next.to })}`, {
      replace: true,
    });

  return (
    <Page
      title="Dove attendono i casi"
      lead="Per ogni passo di un percorso: quante volte è stato raggiunto, quanto è durato, quanti casi vi attendono ora, rispetto alle soglie."
    >
      <Loaded state={paths}>
        {(list) => (
          <Choice
            key={`${path}|${from}|${to}`}
            paths={list}
            current={{ path, from, to }}
            onApply={choose}
          />
        )}
      </Loaded>
      {!path ? (
        <Empty>Scegliere un percorso.</Empty>
      ) : (
        <Loaded state={figures}>
          {(data) => (
            <>
              <Section title={`${data.name ?? data.bpmnProcessId} · versione ${data.version}`}>
                <p className="small">
                  Dal {day(data.from)} al {day(data.to)}. Colori: verde nei tempi, giallo e rosso
                  oltre le soglie (90° percentile della durata); senza colore, nessuna soglia.
                </p>
                <HeatmapDiagram figures={data} />
              </Section>
              <Section
                title="Passi"
                actions={
                  <ExportButtons
                    path={`/stats/paths/${encodeURIComponent(path)}/elements`}
                    params={{ from, to }}
                    of="dei tempi dei passi"
                  />
                }
              >
                <DataTable
                  caption="Passi del percorso: raggiunti, durata, casi in attesa, soglie"
                  columns={[
                    { label: 'Passo', cell: (s) => s.name ?? s.elementId },
                    { label: 'Raggiunto', className: 'text-end', cell: (s) => s.reached },
                    { label: 'In attesa ora', className: 'text-end', cell: (s) => s.waitingNow },
                    {
                      label: 'Mediana',
                      className: 'text-end',
                      cell: (s) => duration(s.p50Seconds),
                    },
                    {
                      label: '90° percentile',
                      className: 'text-end',
                      cell: (s) => duration(s.p90Seconds),
                    },
                    {
                      label: 'Soglie',
                      cell: (s) =>
                        admin ? (
                          <ThresholdForm
                            path={data.bpmnProcessId}
                            step={s}
                            onSaved={figures.reload}
                          />
                        ) : s.threshold ? (
                          `${duration(s.threshold.amberSeconds)} / ${duration(s.threshold.redSeconds)}`
                        ) : (
                          'nessuna'
                        ),
                    },
                    {
                      label: 'Stato',
                      cell: (s) =>
                        s.level ? (
                          <Badge color={LEVEL[s.level].color}>{LEVEL[s.level].label}</Badge>
                        ) : (
                          '—'
                        ),
                    },
                  ]}
                  rows={data.elements.filter(
                    (s) => s.reached > 0 || s.waitingNow > 0 || s.threshold,
                  )}
                  rowKey={(s) => s.elementId}
                  rowProps={(s) => ({ 'data-step': s.elementId, 'data-level': s.level ?? '' })}
                />
              </Section>
              <GatewayExits figures={data} />
            </>
          )}
        </Loaded>
      )}
    </Page>
  );
}

function Choice({
  paths,
  current,
  onApply,
}: {
  paths: PathSummary[];
  current: { path: string; from: string; to: string };
  onApply: (next: { path: string; from: string; to: string }) => void;
}) {
  const [form, setForm] = useState(current);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(form);
  };
  return (
    <form
      className="row g-2 align-items-end mb-3"
      onSubmit={submit}
      role="search"
      aria-label="Percorso e periodo"
      noValidate
    >
      <SelectField
        id="heatmap-percorso"
        className="col-12 col-md-5"
        label="Percorso"
        value={form.path}
        placeholder="Scegliere…"
        options={paths.map((p) => ({ value: p.bpmnProcessId, label: p.name ?? p.bpmnProcessId }))}
        onChange={(path) => setForm({ ...form, path })}
      />
      <TextField
        id="heatmap-dal"
        className="col-6 col-md-2"
        label="Dal"
        type="date"
        value={form.from}
        onChange={(from) => setForm({ ...form, from })}
      />
      <TextField
        id="heatmap-al"
        className="col-6 col-md-2"
        label="Al"
        type="date"
        value={form.to}
        onChange={(to) => setForm({ ...form, to })}
      />
      <div className="col-12 col-md-3">
        <Button color="primary" type="submit">
          Mostra
        </Button>
      </div>
    </form>
  );
}

function HeatmapDiagram({ figures }: { figures: PathFigures }) {
  const draw = useCallback(
    (element: HTMLElement) => {
      const steps: HeatStep[] = figures.elements.map((s) => ({
        elementId: s.elementId,
        waitingNow: s.waitingNow,
        level: s.level,
        badge:
          s.reached > 0 || s.waitingNow > 0
            ? `${s.waitingNow} in attesa · p90 ${duration(s.p90Seconds)}`
            : null,
      }));
      const flows: HeatFlow[] = figures.flows.map((f) => ({
        flowId: f.flowId,
        label: f.share === null ? null : `${Math.round(f.share * 100)}%`,
      }));
      return import('../../bpmn/heatmap-viewer').then(({ showHeatmap }) =>
        showHeatmap(element, figures.xml, steps, flows),
      );
    },
    [figures],
  );
  const { container, error } = useDiagram(draw);
  return (
    <>
      <ErrorAlert error={error} />
      <div
        ref={container}
        className="diagram"
        role="group"
        aria-label={`Diagramma di ${figures.name ?? figures.bpmnProcessId} con i tempi dei passi`}
        data-heatmap={figures.bpmnProcessId}
      />
    </>
  );
}

function GatewayExits({ figures }: { figures: PathFigures }) {
  const exits = figures.flows.filter((f) => f.share !== null);
  if (exits.length === 0) return null;
  return (
    <Section
      title="Uscite dei gateway"
      actions={
        <ExportButtons
          path={`/stats/paths/${encodeURIComponent(figures.bpmnProcessId)}/elements`}
          params={{ from: figures.from, to: figures.to, table: 'exits' }}
          of="delle uscite dei gateway"
        />
      }
    >
      <DataTable
        caption="Quante volte è stata presa ogni uscita dei gateway"
        columns={[
          { label: 'Uscita', cell: (f) => f.name ?? f.flowId },
          { label: 'Volte', className: 'text-end', cell: (f) => f.taken },
          {
            label: 'Quota',
            className: 'text-end',
            cell: (f) => `${Math.round((f.share ?? 0) * 100)}%`,
          },
        ]}
        rows={exits}
        rowKey={(f) => f.flowId}
        rowProps={(f) => ({ 'data-flow': f.flowId })}
      />
    </Section>
  );
}

/** An administrator's thresholds for one step, in hours. */
function ThresholdForm({
  path,
  step,
  onSaved,
}: {
  path: string;
  step: StepFigure;
  onSaved: () => void;
}) {
  const hours = (seconds: number | undefined) => (seconds ? String(seconds / HOUR) : '');
  const [amber, setAmber] = useState(hours(step.threshold?.amberSeconds));
  const [red, setRed] = useState(hours(step.threshold?.redSeconds));
  const [problem, setProblem] = useState<string | null>(null);
  const url = `/stats/paths/${encodeURIComponent(path)}/elements/${encodeURIComponent(step.elementId)}/threshold`;
  const label = step.name ?? step.elementId;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const amberSeconds = Math.round(Number(amber.replace(',', '.')) * HOUR);
    const redSeconds = Math.round(Number(red.replace(',', '.')) * HOUR);
    if (!(amberSeconds > 0 && redSeconds > amberSeconds)) {
      return setProblem('Indicare ore positive, con la rossa maggiore della gialla.');
    }
    setProblem(null);
    try {
      await api('PUT', url, { amberSeconds, redSeconds });
      onSaved();
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  return (
    <form className="d-flex flex-wrap gap-1 align-items-end" onSubmit={save} noValidate>
      <TextField
        id={`soglia-gialla-${step.elementId}`}
        className="heat-hours"
        label={
          <span className="small">
            Gialla (ore)<span className="visually-hidden">: {label}</span>
          </span>
        }
        type="number"
        min={0}
        step="any"
        value={amber}
        onChange={setAmber}
      />
      <TextField
        id={`soglia-rossa-${step.elementId}`}
        className="heat-hours"
        label={
          <span className="small">
            Rossa (ore)<span className="visually-hidden">: {label}</span>
          </span>
        }
        type="number"
        min={0}
        step="any"
        value={red}
        onChange={setRed}
        error={problem}
      />
      <Button color="primary" size="xs" type="submit">
        Salva<span className="visually-hidden"> le soglie di {label}</span>
      </Button>
    </form>
  );
}
