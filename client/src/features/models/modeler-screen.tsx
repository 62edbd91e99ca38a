import { Button, Icon } from 'design-react-kit';
import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { api, ApiError } from '../../api/client';
import type { ModelModeler } from '../../bpmn/modeler/model-modeler';
import { ErrorAlert, Loaded, Loading, Notice, useFlash, flashNext } from '../../ui/feedback';
import { TextAreaField } from '../../ui/fields';
import { dateTime } from '../../ui/format';
import { useLeaveGuard } from '../../ui/leave-guard';
import { Page, Section } from '../../ui/page';
import { useAction, useAsync } from '../../ui/use-api';
import {
  author,
  Deployment,
  ModelIssue,
  ModelValidation,
  ModelVersion,
  modelVersions,
  modelXml,
  modelsHome,
  pathHref,
  pathName,
  versionHref,
} from './models';
import { ProblemList } from './problem-list';
import { PublishBar } from './publish-bar';

/** A file name the API accepts for a model. */
const FILE_NAME = /^[^/\\]+\.(bpmn|xml)$/i;

/**
 * The modeler: `/amministrazione/modelli/nuovo` or a published version
 * (`/amministrazione/modelli/:id/versioni/:version`). Each opening is its own page state, so
 * moving to another version starts clean.
 */
export function ModelerScreen({ params }: { params: { id?: string; version?: string } }) {
  if (!params.id) return <NewModel />;
  return <PublishedModel key={`${params.id}/${params.version}`} params={params} />;
}

function NewModel() {
  const [xml, setXml] = useState<string | null>(null);
  useEffect(() => {
    void import('../../bpmn/modeler/model-modeler').then(({ NEW_DIAGRAM }) => setXml(NEW_DIAGRAM));
  }, []);
  if (xml === null) return <Loading label="Apertura del modeler…" />;
  return <ModelerPage xml={xml} />;
}

function PublishedModel({ params }: { params: { id?: string; version?: string } }) {
  const id = params.id ?? '';
  const opened = useAsync(`${id}/${params.version}`, async () => {
    const versions = await modelVersions(id);
    const version = versions.find((v) => String(v.version) === params.version);
    if (!version)
      throw new ApiError(404, `Il modello «${id}» non ha la versione ${params.version}.`);
    return { version, xml: await modelXml(version.key) };
  });
  return (
    <Loaded state={opened}>
      {({ version, xml }) => <ModelerPage xml={xml} opened={version} />}
    </Loaded>
  );
}

interface Findings {
  problems: ModelIssue[];
  warnings: ModelIssue[];
  /** What the findings come from: Verifica or a refused publication. */
  title: string;
}

function ModelerPage({ xml, opened }: { xml: string; opened?: ModelVersion }) {
  const [, navigate] = useLocation();
  const flash = useFlash();
  const canvasRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const [modeler, setModeler] = useState<ModelModeler | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [importWarnings, setImportWarnings] = useState<string[]>([]);
  const [fileName, setFileName] = useState(opened?.resourceName ?? 'nuovo-percorso.bpmn');
  const [fileError, setFileError] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [findings, setFindings] = useState<Findings | null>(null);
  const [notice, setNotice] = useState<string | null>(flash);
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const [pasted, setPasted] = useState('');
  const action = useAction();
  const guard = useLeaveGuard(dirty, 'Il modello');

  useEffect(() => {
    let live = true;
    let created: ModelModeler | undefined;
    void import('../../bpmn/modeler/model-modeler')
      .then(async ({ ModelModeler }) => {
        if (!live) return;
        created = new ModelModeler(canvasRef.current!, panelRef.current!);
        setImportWarnings(await created.open(xml));
        created.onChange(() => setDirty(true));
        if (live) setModeler(created);
      })
      .catch((error: Error) => live && setLoadError(`Il modello non si apre: ${error.message}`));
    return () => {
      live = false;
      created?.destroy();
    };
  }, [xml]);

  const show = (next: Findings | null) => {
    setFindings(next);
    setHighlighted(null);
    if (!modeler) return;
    if (!next) return modeler.clearFindings();
    const finding = (severity: 'error' | 'warning') => (issue: ModelIssue) => ({
      elementId: issue.elementId ?? '',
      label: modeler.labelOf(issue.elementId ?? ''),
      message: issue.message,
      severity,
    });
    modeler.showFindings(
      [
        ...next.problems.filter((i) => i.elementId).map(finding('error')),
        ...next.warnings.filter((i) => i.elementId).map(finding('warning')),
      ],
      setHighlighted,
    );
  };

  const verify = () =>
    void action.run(async () => {
      if (!modeler) return;
      setNotice(null);
      const result = await api<ModelValidation>('POST', '/models/validate', {
        xml: await modeler.xml(),
      });
      if (result.problems.length === 0 && result.warnings.length === 0) {
        show(null);
        setNotice('Nessun problema: il modello può essere pubblicato.');
        return;
      }
      show({
        ...result,
        title: result.valid
          ? 'Il modello può essere pubblicato, con questi avvisi:'
          : 'Il modello non può essere pubblicato:',
      });
    });

  const publish = () =>
    void action.run(async () => {
      if (!modeler) return;
      setNotice(null);
      const name = fileName.trim();
      if (!FILE_NAME.test(name)) {
        setFileError('Un nome di file senza cartelle, che finisce con .bpmn (o .xml).');
        return;
      }
      setFileError(null);
      let deployment: Deployment;
      try {
        deployment = await api<Deployment>('POST', '/models', {
          name,
          xml: await modeler.xml(),
        });
      } catch (error) {
        if (error instanceof ApiError && Array.isArray(error.details))
          show({
            problems: error.details as ModelIssue[],
            warnings: [],
            title: error.message,
          });
        throw error;
      }
      const [process] = deployment.processes;
      const warnings = deployment.warnings.length
        ? ` Avvisi: ${deployment.warnings.map((w) => w.message).join(' ')}`
        : '';
      const label = modeler.processLabel();
      if (
        opened &&
        process.bpmnProcessId === opened.bpmnProcessId &&
        process.version === opened.version
      ) {
        setDirty(false);
        show(null);
        setNotice(
          `Nessuna modifica da pubblicare: «${label}» è già la versione ${process.version}.${warnings}`,
        );
        return;
      }
      flashNext(`Pubblicata la versione ${process.version} di «${label}».${warnings}`);
      guard.allow();
      navigate(versionHref(process.bpmnProcessId, process.version));
    });

  const openPasted = (text: string) =>
    void action.run(async () => {
      if (!modeler) return;
      show(null);
      try {
        setImportWarnings(await modeler.open(text));
      } catch (error) {
        throw new ApiError(
          0,
          `Il testo non è un diagramma BPMN leggibile: ${(error as Error).message}`,
        );
      }
      setDirty(true);
      setNotice('Diagramma importato: verificarlo e pubblicarlo per renderlo effettivo.');
    });

  const reveal = (elementId: string) => {
    setHighlighted(elementId);
    modeler?.reveal(elementId);
  };

  const title = opened ? `${pathName(opened)} · versione ${opened.version}` : 'Nuovo modello';
  return (
    <Page
      title={title}
      lead={
        opened
          ? `${opened.bpmnProcessId} · pubblicata da ${author(opened)} il ${dateTime(opened.deployedAt)}`
          : 'Un nuovo percorso: disegnarlo, verificarlo e pubblicarlo.'
      }
      back={
        opened
          ? { href: pathHref(opened.bpmnProcessId), label: `Versioni di ${pathName(opened)}` }
          : { href: modelsHome, label: 'Modelli' }
      }
    >
      <Notice>{notice}</Notice>
      <ErrorAlert error={loadError} />
      {action.error && !(findings && action.error.message === findings.title) && (
        <ErrorAlert error={action.error} />
      )}
      <PublishBar
        id="modello-file"
        hint="Stesso nome e stesso contenuto non creano una nuova versione."
        fileName={fileName}
        fileError={fileError}
        onFileName={(value) => {
          setFileName(value);
          setDirty(true);
        }}
        ready={!!modeler}
        busy={action.busy}
        dirty={dirty}
        onVerify={verify}
        onPublish={publish}
      />
      {findings && (
        <>
          <ProblemList
            title={findings.title}
            issues={findings.problems}
            severity="error"
            canReveal={(id) => !!modeler?.has(id)}
            onReveal={reveal}
            highlighted={highlighted}
          />
          <ProblemList
            title="Avvisi"
            issues={findings.warnings}
            severity="warning"
            canReveal={(id) => !!modeler?.has(id)}
            onReveal={reveal}
            highlighted={highlighted}
          />
        </>
      )}
      {importWarnings.length > 0 && (
        <div className="callout warning">
          <div className="callout-title">Il modello è stato aperto con questi avvisi</div>
          <ul className="mb-0">
            {importWarnings.map((warning, index) => (
              <li key={index}>{warning}</li>
            ))}
          </ul>
        </div>
      )}
      {!modeler && !loadError && <Loading label="Apertura del modeler…" />}
      <div className="modeler" aria-busy={!modeler}>
        <div
          ref={canvasRef}
          className="modeler-canvas"
          role="application"
          aria-label={`Diagramma modificabile: ${title}`}
        />
        <div
          ref={panelRef}
          className="modeler-panel"
          role="region"
          aria-label="Proprietà dell’elemento selezionato"
        />
      </div>
      <Section title="Importa un diagramma" id="importa">
        <TextAreaField
          id="modello-xml"
          label="Testo BPMN (XML)"
          hint="Incollare un file BPMN 2.0: sostituisce il diagramma aperto, senza pubblicarlo."
          rows={4}
          value={pasted}
          onChange={setPasted}
        />
        <div className="toolbar-row">
          <Button
            color="primary"
            outline
            disabled={!modeler || !pasted.trim() || action.busy}
            onClick={() => openPasted(pasted)}
          >
            Apri nel modeler
          </Button>
          <input
            id="modello-file-locale"
            type="file"
            accept=".bpmn,.xml"
            className="upload"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (!file) return;
              setFileName(file.name);
              void file.text().then(openPasted);
              event.target.value = '';
            }}
          />
          <label htmlFor="modello-file-locale">
            <Icon icon="it-upload" color="white" size="sm" aria-hidden />
            <span>Apri un file dal computer</span>
          </label>
        </div>
      </Section>
      {guard.dialog}
    </Page>
  );
}
