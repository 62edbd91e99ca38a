import { Button } from 'design-react-kit';
import { useState } from 'react';
import { Link } from 'wouter';
import { query } from '../../api/client';
import { Column, DataTable } from '../../ui/data-table';
import { Empty, ErrorAlert, Loaded, Notice } from '../../ui/feedback';
import { SelectField } from '../../ui/fields';
import { dateTime } from '../../ui/format';
import { Page } from '../../ui/page';
import { useAction, useApi, useAsync } from '../../ui/use-api';
import { modelPaths } from '../models/models';
import { Incident, instanceHref, instanceLabel, retryIncident } from '../instances/instances';
import { ERROR_TYPES } from './incident-card';

const PAGE = 50;

/**
 * Where paths are stuck: each incident with its path, case, step, error and since when; the
 * instance's page shows it on the diagram, "Riprova" gives the step another go from here too.
 */
export function IncidentsScreen() {
  const [state, setState] = useState('ACTIVE');
  const [bpmnProcessId, setProcess] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const [notice, setNotice] = useState<string | null>(null);
  const paths = useAsync('paths', modelPaths);
  const incidents = useApi<{ items: Incident[]; total: number }>(
    `/incidents${query({ state, bpmnProcessId, limit })}`,
  );
  const action = useAction();

  const retry = (incident: Incident) =>
    void action
      .run(() => retryIncident(incident))
      .then((done) => {
        if (!done) return;
        setNotice(
          `Incidente risolto: il passo «${incident.elementName ?? incident.elementId}» di ${instanceLabel(incident)} viene ritentato.`,
        );
        incidents.reload();
      });

  const columns: Column<Incident>[] = [
    {
      label: 'Pratica',
      cell: (i) => (
        <>
          <Link href={instanceHref(i.processInstanceKey)} className="fw-semibold">
            {instanceLabel(i)}
          </Link>
          <div className="small text-secondary">{i.processName ?? i.bpmnProcessId}</div>
        </>
      ),
    },
    { label: 'Passo', cell: (i) => i.elementName ?? i.elementId },
    {
      label: 'Errore',
      cell: (i) => (
        <>
          <span className="text-prewrap">{i.errorMessage}</span>
          <div className="small text-secondary">
            {ERROR_TYPES[i.errorType] ?? i.errorType}
            {i.retries !== null && ` · tentativi rimasti: ${i.retries}`}
          </div>
        </>
      ),
    },
    {
      label: state === 'ACTIVE' ? 'Da quando' : 'Risolto',
      cell: (i) => dateTime(state === 'ACTIVE' ? i.createdAt : i.resolvedAt),
    },
    {
      label: 'Azioni',
      hiddenLabel: true,
      cell: (i) =>
        i.state === 'ACTIVE' ? (
          <Button color="primary" size="xs" disabled={action.busy} onClick={() => retry(i)}>
            Riprova <span className="visually-hidden">{instanceLabel(i)}</span>
          </Button>
        ) : null,
    },
  ];

  return (
    <Page title="Incidenti" lead="I percorsi fermi su un passo che non è riuscito.">
      <Notice>{notice}</Notice>
      <ErrorAlert error={action.error} />
      <div className="row">
        <SelectField
          id="incidenti-stato"
          className="col-12 col-md-4"
          label="Stato"
          value={state}
          options={[
            { value: 'ACTIVE', label: 'Aperti' },
            { value: 'RESOLVED', label: 'Risolti' },
          ]}
          onChange={(value) => {
            setState(value);
            setLimit(PAGE);
          }}
        />
        <SelectField
          id="incidenti-percorso"
          className="col-12 col-md-8"
          label="Percorso"
          value={bpmnProcessId}
          placeholder="Tutti i percorsi"
          options={(paths.data ?? []).map((p) => ({ value: p.bpmnProcessId, label: p.name }))}
          onChange={(value) => {
            setProcess(value);
            setLimit(PAGE);
          }}
        />
      </div>
      <Loaded state={incidents}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>
              {state === 'ACTIVE' ? 'Nessun incidente aperto.' : 'Nessun incidente risolto.'}
            </Empty>
          ) : (
            <>
              <DataTable
                caption={`Incidenti: ${page.total}`}
                columns={columns}
                rows={page.items}
                rowKey={(i) => i.key}
                rowProps={(i) => ({ 'data-incident': i.key })}
              />
              {page.items.length < page.total && (
                <Button color="primary" outline onClick={() => setLimit(limit + PAGE)}>
                  Mostra altri ({page.total - page.items.length})
                </Button>
              )}
            </>
          )
        }
      </Loaded>
    </Page>
  );
}
