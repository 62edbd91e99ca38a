import { Link } from 'wouter';
import { Column, DataTable } from '../../ui/data-table';
import { Empty, Loaded, Notice, useFlash } from '../../ui/feedback';
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
      <Loaded state={forms}>
        {(list) =>
          list.length === 0 ? (
            <Empty>Nessun modulo pubblicato.</Empty>
          ) : (
            <DataTable
              caption={`Moduli pubblicati: ${list.length}`}
              columns={COLUMNS}
              rows={list}
              rowKey={(form) => form.formId}
              rowProps={(form) => ({ 'data-form': form.formId })}
            />
          )
        }
      </Loaded>
    </Page>
  );
}
