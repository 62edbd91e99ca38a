import { Link } from 'wouter';
import { Column, DataTable } from '../../ui/data-table';
import { Empty, Loaded, Notice, useFlash } from '../../ui/feedback';
import { dateTime } from '../../ui/format';
import { Page } from '../../ui/page';
import { useAsync } from '../../ui/use-api';
import { author, ModelPath, modelPaths, modelsHome, pathHref, versionHref } from './models';

/** How many versions a row shows; the model's page lists them all. */
const SHOWN = 3;

const COLUMNS: Column<ModelPath>[] = [
  {
    label: 'Percorso',
    cell: (path) => (
      <>
        <Link href={pathHref(path.bpmnProcessId)} className="fw-semibold">
          {path.name}
        </Link>
        <div className="small text-secondary">{path.bpmnProcessId}</div>
      </>
    ),
  },
  {
    label: 'Versioni',
    cell: (path) => (
      <ul className="list-unstyled mb-0 small">
        {path.versions.slice(0, SHOWN).map((version) => (
          <li key={version.key} data-version={version.version}>
            <Link href={versionHref(path.bpmnProcessId, version.version)}>
              versione {version.version}
            </Link>{' '}
            · {author(version)} · {dateTime(version.deployedAt)}
          </li>
        ))}
        {path.versions.length > SHOWN && (
          <li>
            <Link href={pathHref(path.bpmnProcessId)}>
              tutte le {path.versions.length} versioni
            </Link>
          </li>
        )}
      </ul>
    ),
  },
];

/**
 * The administrator's home: every path (BPMN model) by name with its versions, who published
 * each and when; a version opens in the modeler, the path's page compares two.
 */
export function ModelsScreen() {
  const flash = useFlash();
  const paths = useAsync('models', modelPaths);
  return (
    <Page
      title="Modelli dei percorsi"
      actions={
        <Link href={`${modelsHome}/nuovo`} className="btn btn-primary">
          Nuovo modello
        </Link>
      }
    >
      <Notice>{flash}</Notice>
      <Loaded state={paths}>
        {(list) =>
          list.length === 0 ? (
            <Empty>Nessun modello pubblicato.</Empty>
          ) : (
            <DataTable
              caption={`Modelli pubblicati: ${list.length}`}
              columns={COLUMNS}
              rows={list}
              rowKey={(path) => path.bpmnProcessId}
              rowProps={(path) => ({ 'data-model': path.bpmnProcessId })}
            />
          )
        }
      </Loaded>
    </Page>
  );
}
