import { useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { api, ApiError } from '../../api/client';
import { ErrorAlert, flashNext, Loaded, Loading, Notice, useFlash } from '../../ui/feedback';
import { dateTime } from '../../ui/format';
import { useLeaveGuard } from '../../ui/leave-guard';
import { Page, Section } from '../../ui/page';
import { useAction, useAsync } from '../../ui/use-api';
import { versionHref } from '../models/models';
import { PublishBar } from '../models/publish-bar';
import type { FormSchema, FormSchemaEditor } from './form-schema-editor';
import {
  allForms,
  DeployedForm,
  formAt,
  FormUsage,
  FormValidation,
  FormVersion,
  formVersionHref,
  formVersions,
  formsHome,
} from './forms';

const FILE_NAME = /^[^/\\]+\.form$/i;

/**
 * The form editor: `/amministrazione/moduli/nuovo`, a form's latest version
 * (`/amministrazione/moduli/:formId`) or one of its versions (`…/versioni/:version`).
 */
export function FormEditorScreen({ params }: { params: { formId?: string; version?: string } }) {
  if (!params.formId) return <NewForm />;
  return <PublishedForm key={`${params.formId}/${params.version ?? ''}`} params={params} />;
}

function NewForm() {
  const [schema, setSchema] = useState<FormSchema | null>(null);
  useEffect(() => {
    void import('./form-schema-editor').then(({ NEW_FORM }) => setSchema(NEW_FORM));
  }, []);
  if (!schema) return <Loading label="Apertura dell’editor dei moduli…" />;
  return <FormEditorPage schema={schema} />;
}

function PublishedForm({ params }: { params: { formId?: string; version?: string } }) {
  const formId = params.formId ?? '';
  const loaded = useAsync(`${formId}/${params.version ?? ''}`, async () => {
    const [form, versions, forms] = await Promise.all([
      formAt(formId, params.version),
      formVersions(formId),
      allForms(),
    ]);
    return { form, versions, usage: forms.find((f) => f.formId === formId)?.usedBy ?? [] };
  });
  return (
    <Loaded state={loaded}>
      {({ form, versions, usage }) => (
        <FormEditorPage schema={form.schema} opened={form} versions={versions} usage={usage} />
      )}
    </Loaded>
  );
}

function FormEditorPage({
  schema,
  opened,
  versions = [],
  usage = [],
}: {
  schema: FormSchema;
  opened?: FormVersion;
  versions?: FormVersion[];
  usage?: FormUsage[];
}) {
  const [, navigate] = useLocation();
  const flash = useFlash();
  const container = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<FormSchemaEditor | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [fileName, setFileName] = useState(opened?.resourceName ?? 'nuovo-modulo.form');
  const [fileError, setFileError] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState<FormValidation['problems']>([]);
  const [notice, setNotice] = useState<string | null>(flash);
  const action = useAction();
  const guard = useLeaveGuard(dirty, 'Il modulo');

  useEffect(() => {
    let live = true;
    let created: FormSchemaEditor | undefined;
    void import('./form-schema-editor')
      .then(async ({ FormSchemaEditor }) => {
        if (!live) return;
        created = new FormSchemaEditor(container.current!);
        await created.open(schema);
        created.onChange(() => setDirty(true));
        if (live) setEditor(created);
      })
      .catch((error: Error) => live && setLoadError(`Il modulo non si apre: ${error.message}`));
    return () => {
      live = false;
      created?.destroy();
    };
  }, [schema]);

  const verify = () =>
    void action.run(async () => {
      if (!editor) return;
      setNotice(null);
      const result = await api<FormValidation>('POST', '/forms/validate', {
        schema: editor.schema(),
      });
      setProblems(result.problems);
      if (result.valid)
        setNotice(`Nessun problema: il modulo «${result.formId}» può essere pubblicato.`);
    });

  const publish = () =>
    void action.run(async () => {
      if (!editor) return;
      setNotice(null);
      const name = fileName.trim();
      if (!FILE_NAME.test(name)) {
        setFileError('Un nome di file senza cartelle, che finisce con .form.');
        return;
      }
      setFileError(null);
      let deployed: DeployedForm;
      try {
        deployed = await api<DeployedForm>('POST', '/forms', { name, schema: editor.schema() });
      } catch (error) {
        if (error instanceof ApiError && Array.isArray(error.details))
          setProblems(error.details as FormValidation['problems']);
        throw error;
      }
      setProblems([]);
      if (!deployed.created) {
        setDirty(false);
        setNotice(
          `Nessuna modifica da pubblicare: il modulo «${deployed.formId}» è già la versione ${deployed.version}.`,
        );
        return;
      }
      flashNext(`Pubblicata la versione ${deployed.version} del modulo «${deployed.formId}».`);
      guard.allow();
      navigate(formVersionHref(deployed.formId, deployed.version));
    });

  const title = opened ? `Modulo ${opened.formId} · versione ${opened.version}` : 'Nuovo modulo';
  return (
    <Page
      title={title}
      lead={
        opened
          ? `Pubblicata da ${opened.deployedBy ?? '—'} il ${dateTime(opened.deployedAt)}`
          : 'Un nuovo modulo: il suo identificativo (ID, nelle proprietà del modulo) è quello che i compiti utente collegano.'
      }
      back={{ href: formsHome, label: 'Moduli' }}
    >
      <Notice>{notice}</Notice>
      <ErrorAlert error={loadError} />
      {action.error && problems.length === 0 && <ErrorAlert error={action.error} />}
      {problems.length > 0 && (
        <div className="callout danger problem-list" data-testid="problemi-modulo">
          <div className="callout-title">
            {action.error?.message ?? 'Il modulo non può essere pubblicato:'}
          </div>
          <ul className="mb-0">
            {problems.map((problem) => (
              <li key={problem.code + problem.message}>{problem.message}</li>
            ))}
          </ul>
        </div>
      )}
      <PublishBar
        id="modulo-file"
        hint="Finisce con .form; stesso contenuto, nessuna nuova versione."
        fileName={fileName}
        fileError={fileError}
        onFileName={(value) => {
          setFileName(value);
          setDirty(true);
        }}
        ready={!!editor}
        busy={action.busy}
        dirty={dirty}
        onVerify={verify}
        onPublish={publish}
      />
      {!editor && !loadError && <Loading label="Apertura dell’editor dei moduli…" />}
      <div ref={container} className="form-editor" aria-busy={!editor} />
      {opened && (
        <div className="row">
          <div className="col-12 col-lg-6">
            <Section title="Usato da" id="usato-da">
              {usage.length === 0 ? (
                <p className="text-secondary">
                  Nessun modello, nella sua ultima versione, lo collega.
                </p>
              ) : (
                <ul>
                  {usage.map((u) => (
                    <li key={u.processDefinitionKey}>
                      <Link href={versionHref(u.bpmnProcessId, u.version)}>
                        {u.processName ?? u.bpmnProcessId}
                      </Link>{' '}
                      (versione {u.version}):{' '}
                      {u.userTasks.map((t) => t.elementName ?? t.elementId).join(', ')}
                    </li>
                  ))}
                </ul>
              )}
            </Section>
          </div>
          <div className="col-12 col-lg-6">
            <Section title="Versioni" id="versioni-modulo">
              <ul data-testid="versioni-modulo">
                {versions.map((v) => (
                  <li key={v.key} data-version={v.version}>
                    {v.version === opened.version ? (
                      <span aria-current="page" className="fw-semibold">
                        versione {v.version}
                      </span>
                    ) : (
                      <Link href={formVersionHref(v.formId, v.version)}>versione {v.version}</Link>
                    )}{' '}
                    · {v.deployedBy ?? '—'} · {dateTime(v.deployedAt)}
                  </li>
                ))}
              </ul>
            </Section>
          </div>
        </div>
      )}
      {guard.dialog}
    </Page>
  );
}
