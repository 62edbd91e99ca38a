import { Badge } from 'design-react-kit';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import type { Comparison, ElementChange } from '../../bpmn/diff/model-diff';
import { Empty, ErrorAlert, Loaded, Loading } from '../../ui/feedback';
import { dateTime } from '../../ui/format';
import { Page, Section } from '../../ui/page';
import { useAsync } from '../../ui/use-api';
import { author, ModelVersion, modelVersions, modelXml, pathHref, pathName } from './models';

const KIND: Record<ElementChange['kind'], { label: string; color: string }> = {
  added: { label: 'Aggiunto', color: 'success' },
  removed: { label: 'Tolto', color: 'danger' },
  changed: { label: 'Modificato', color: 'warning' },
  moved: { label: 'Spostato', color: 'secondary' },
};

/** Two versions of a path compared: what was added, removed and changed, listed and marked. */
export function DiffScreen({ params }: { params: { id?: string; from?: string; to?: string } }) {
  const id = params.id ?? '';
  const pair = useAsync(`${id}/${params.from}/${params.to}`, async () => {
    const versions = await modelVersions(id);
    const find = (n?: string) => {
      const version = versions.find((v) => String(v.version) === n);
      if (!version) throw new ApiError(404, `Il modello «${id}» non ha la versione ${n}.`);
      return version;
    };
    const [from, to] = [find(params.from), find(params.to)];
    return {
      from: { version: from, xml: await modelXml(from.key) },
      to: { version: to, xml: await modelXml(to.key) },
    };
  });
  return (
    <Loaded state={pair}>
      {({ from, to }) => <Diff key={`${from.version.key}-${to.version.key}`} from={from} to={to} />}
    </Loaded>
  );
}

interface Side {
  version: ModelVersion;
  xml: string;
}

function Diff({ from, to }: { from: Side; to: Side }) {
  const before = useRef<HTMLDivElement>(null);
  const after = useRef<HTMLDivElement>(null);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    let made: Comparison | undefined;
    void import('../../bpmn/diff/model-diff')
      .then(({ compareModels }) =>
        compareModels(
          { container: before.current!, xml: from.xml },
          { container: after.current!, xml: to.xml },
        ),
      )
      .then(
        (result) => {
          made = result;
          if (live) setComparison(result);
          else result.destroy();
        },
        (failure: Error) => live && setError(`Confronto non disponibile: ${failure.message}`),
      );
    return () => {
      live = false;
      made?.destroy();
    };
  }, [from, to]);

  const name = pathName(to.version);
  const changes = comparison?.changes ?? [];
  const listed = changes.filter((c) => c.kind !== 'moved');
  const moved = changes.filter((c) => c.kind === 'moved');
  const side = (label: string, version: ModelVersion, ref: typeof before) => (
    <section className="col-12 col-lg-6 mb-3" aria-labelledby={`diff-${version.version}`}>
      <h2 className="h5" id={`diff-${version.version}`}>
        {label}: versione {version.version}
      </h2>
      <p className="small text-secondary mb-2">
        {author(version)} · {dateTime(version.deployedAt)}
      </p>
      <div
        ref={ref}
        className="diagram"
        role="group"
        aria-label={`Diagramma della versione ${version.version}, con le differenze evidenziate`}
        data-version={version.version}
      />
    </section>
  );

  return (
    <Page
      title={`${name}: versione ${from.version.version} e versione ${to.version.version}`}
      lead="Elementi aggiunti (in verde, sulla versione più recente), tolti (in rosso, sulla precedente) e modificati (in giallo, su entrambe)."
      back={{ href: pathHref(to.version.bpmnProcessId), label: `Versioni di ${name}` }}
    >
      <ErrorAlert error={error} />
      <div className="row">
        {side('Prima', from.version, before)}
        {side('Dopo', to.version, after)}
      </div>
      <Section title="Differenze" id="differenze">
        {!comparison && !error && <Loading label="Confronto in corso…" />}
        {comparison && listed.length === 0 && moved.length === 0 && (
          <Empty>Nessuna differenza tra le due versioni.</Empty>
        )}
        {listed.length > 0 && (
          <ul
            className="list-unstyled diff-list"
            aria-label="Elementi aggiunti, tolti o modificati"
          >
            {listed.map((change) => (
              <li
                key={`${change.kind}-${change.id}`}
                data-change={change.kind}
                data-element={change.id}
              >
                <Badge color={KIND[change.kind].color} className="me-2">
                  {KIND[change.kind].label}
                </Badge>
                <button
                  type="button"
                  className="btn btn-link p-0 align-baseline fw-semibold"
                  onClick={() => comparison?.reveal(change.id)}
                >
                  {change.name}
                </button>{' '}
                <span className="small text-secondary">({change.type})</span>
                {change.details.length > 0 && (
                  <ul className="small mt-1">
                    {change.details.map((detail) => (
                      <li key={detail.property}>
                        {detail.property}: <del>{detail.before}</del> → <ins>{detail.after}</ins>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
        {moved.length > 0 && (
          <p className="small">
            Spostati nel diagramma, senza altre modifiche: {moved.map((c) => c.name).join(', ')}.
          </p>
        )}
      </Section>
    </Page>
  );
}
