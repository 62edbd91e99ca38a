import { Button } from 'design-react-kit';
import { FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { Column, DataTable } from '../../ui/data-table';
import { Loaded } from '../../ui/feedback';
import { SelectField } from '../../ui/fields';
import { dateTime } from '../../ui/format';
import { Page, Section } from '../../ui/page';
import { useAsync } from '../../ui/use-api';
import {
  author,
  diffHref,
  ModelVersion,
  modelVersions,
  modelsHome,
  pathName,
  versionHref,
} from './models';

/** One path: its versions, who published each and when, and two of them compared. */
export function ModelScreen({ params }: { params: { id?: string } }) {
  const id = params.id ?? '';
  const versions = useAsync(id, () => modelVersions(id));
  return (
    <Loaded state={versions}>
      {(list) =>
        list.length === 0 ? (
          <Page title="Modello non trovato" back={{ href: modelsHome, label: 'Modelli' }}>
            <p>Nessun modello pubblicato con l’identificativo «{id}».</p>
          </Page>
        ) : (
          <Versions versions={list} />
        )
      }
    </Loaded>
  );
}

function Versions({ versions }: { versions: ModelVersion[] }) {
  const latest = versions[0];
  const columns: Column<ModelVersion>[] = [
    {
      label: 'Versione',
      cell: (v) => (
        <Link href={versionHref(v.bpmnProcessId, v.version)} className="fw-semibold">
          versione {v.version}
        </Link>
      ),
    },
    { label: 'Nome', cell: (v) => pathName(v) },
    { label: 'Pubblicata da', cell: author },
    { label: 'Pubblicata il', cell: (v) => dateTime(v.deployedAt) },
    { label: 'File', cell: (v) => v.resourceName },
    {
      label: 'Confronto',
      hiddenLabel: true,
      cell: (v) =>
        v.version > 1 && versions.some((o) => o.version === v.version - 1) ? (
          <Link href={diffHref(v.bpmnProcessId, v.version - 1, v.version)}>
            Confronta con la versione {v.version - 1}
          </Link>
        ) : null,
    },
  ];
  return (
    <Page
      title={pathName(latest)}
      lead={`${latest.bpmnProcessId} · ${versions.length === 1 ? '1 versione' : `${versions.length} versioni`}`}
      back={{ href: modelsHome, label: 'Modelli' }}
      actions={
        <Link href={versionHref(latest.bpmnProcessId, latest.version)} className="btn btn-primary">
          Apri l’ultima versione
        </Link>
      }
    >
      <Section title="Versioni" id="versioni">
        <DataTable
          caption={`Versioni di ${pathName(latest)}, dalla più recente`}
          columns={columns}
          rows={versions}
          rowKey={(v) => v.key}
          rowProps={(v) => ({ 'data-version': String(v.version) })}
        />
      </Section>
      {versions.length > 1 && <Compare versions={versions} />}
    </Page>
  );
}

function Compare({ versions }: { versions: ModelVersion[] }) {
  const [, navigate] = useLocation();
  const [from, setFrom] = useState(String(versions[1].version));
  const [to, setTo] = useState(String(versions[0].version));
  const options = versions.map((v) => ({
    value: String(v.version),
    label: `versione ${v.version} · ${author(v)} · ${dateTime(v.deployedAt)}`,
  }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(diffHref(versions[0].bpmnProcessId, Number(from), Number(to)));
  };
  return (
    <Section title="Confronta due versioni" id="confronto">
      <form className="row align-items-end" onSubmit={submit}>
        <SelectField
          id="confronto-da"
          className="col-12 col-md-5"
          label="Dalla versione"
          value={from}
          options={options}
          onChange={setFrom}
        />
        <SelectField
          id="confronto-a"
          className="col-12 col-md-5"
          label="Alla versione"
          value={to}
          options={options}
          onChange={setTo}
        />
        <div className="col-12 col-md-2 mb-4">
          <Button color="primary" type="submit" disabled={from === to}>
            Confronta
          </Button>
        </div>
      </form>
    </Section>
  );
}
