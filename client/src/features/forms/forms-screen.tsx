import { useState } from 'react';
import { Link } from 'wouter';
import { Column, DataTable } from '../../ui/data-table';
import { Empty, Loaded, Notice, useFlash } from '../../ui/feedback';
import { TextField } from '../../ui/fields';
import { dateTime } from '../../ui/format';
import { Page } from '../../ui/page';
import { useAsync } from '../../ui/use-api';
import { versionHref } from '../models/models';
import { allForms, formHref, FormSummary, formsHome } from './forms';

const COLUMNS: Column<FormSummary>[] = [
  {
    label: 'Modulo',
    cell: (form) => (
      <>
        <Link href={formHref(form.formId)} className="fw-semibold">
          {form.formId}
        </Link>
        <div className="small text-secondary">{form.resourceName}</div>
      </>
    ),
  },
  {
    label: 'Ultima versione',
    cell: (form) => (
      <>
        versione {form.version}
        {form.versions > 1 && <span className="text-secondary"> di {form.versions}</span>}
        <div className="small text-secondary">
          {form.deployedBy ?? '—'} · {dateTime(form.deployedAt)}
        </div>
      </>
    ),
  },
  {
    label: 'Usato da',
    cell: (form) =>
      form.usedBy.length === 0 ? (
        <span className="text-secondary">nessun modello</span>
      ) : (
        <ul className="list-unstyled mb-0 small">
          {form.usedBy.map((usage) => (
            <li key={usage.processDefinitionKey}>
              <Link href={versionHref(usage.bpmnProcessId, usage.version)}>
                {usage.processName ?? usage.bpmnProcessId}
              </Link>{' '}
              (versione {usage.version}):{' '}
              {usage.userTasks.map((t) => t.elementName ?? t.elementId).join(', ')}
            </li>
          ))}
        </ul>
      ),
  },
];

/** The forms the models' user tasks link: each with its latest version and who uses it. */
export function FormsScreen() {
  const flash = useFlash();
  const forms = useAsync('forms', allForms);
  const [search, setSearch] = useState('');
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (form: FormSummary) => {
    const text = [
      form.formId,
      form.resourceName,
      ...form.usedBy.flatMap((u) => [
        u.processName ?? u.bpmnProcessId,
        ...u.userTasks.map((t) => t.elementName ?? t.elementId),
      ]),
    ]
      .join(' ')
      .toLowerCase();
    return words.every((word) => text.includes(word));
  };
  return (
    <Page
      title="Moduli"
      lead="I moduli che i compiti utente dei modelli collegano (per form ID o form key)."
      actions={
        <Link href={`${formsHome}/nuovo`} className="btn btn-primary">
          Nuovo modulo
        </Link>
      }
    >
      <Notice>{flash}</Notice>
      <div className="row">
        <TextField
          id="moduli-cerca"
          className="col-12 col-md-6"
          type="search"
          label="Cerca"
          hint="Per identificativo, percorso o compito che lo usa."
          value={search}
          onChange={setSearch}
        />
      </div>
      <Loaded state={forms}>
        {(all) => {
          const list = all.filter(matches);
          return list.length === 0 ? (
            <Empty>
              {all.length === 0 ? 'Nessun modulo pubblicato.' : 'Nessun modulo corrisponde.'}
            </Empty>
          ) : (
            <DataTable
              caption={`Moduli: ${list.length} di ${all.length}`}
              showCaption
              columns={COLUMNS}
              rows={list}
              rowKey={(form) => form.formId}
              rowProps={(form) => ({ 'data-form': form.formId })}
            />
          );
        }}
      </Loaded>
    </Page>
  );
}
