import { api, ApiError, apiText } from '../api';
import { ModelEditor, NEW_DIAGRAM } from '../bpmn/model-editor';
import { h, message, show } from '../dom';
import { dateTime } from '../format';
import { notifyNext, refresh, takeNotice } from '../nav';

interface Definition {
  key: string;
  bpmnProcessId: string;
  version: number;
  name: string | null;
  resourceName: string;
  deployedAt: string;
}
interface Issue {
  code: string;
  message: string;
  line?: number;
  column?: number;
  elementId?: string;
}

/**
 * The administrator's model editor: open a deployed model (`#/modelli/:key`), a new
 * diagram or pasted XML; "Verifica" runs the server's checks, "Pubblica" deploys.
 */
export async function modelsScreen(root: HTMLElement, key: string): Promise<() => void> {
  const { items } = await api<{ items: Definition[] }>('GET', '/models?limit=100');
  const opened = items.find((d) => d.key === key);
  const canvas = h('div', { class: 'modeler' });
  const results = h('div', { class: 'results' });
  const fileName = h('input', {
    id: 'file-name',
    value: opened?.resourceName ?? 'nuovo-percorso.bpmn',
    required: true,
  });
  const pasted = h('textarea', {
    id: 'xml-import',
    rows: 4,
    placeholder: 'Incollare qui il BPMN (XML) da importare',
  });
  const editor = new ModelEditor(canvas);

  const problemList = (title: string, issues: Issue[]) =>
    h(
      'div',
      {},
      h('p', {}, title),
      h(
        'ul',
        { class: 'problems' },
        ...issues.map((p) =>
          h(
            'li',
            {},
            p.line
              ? h(
                  'span',
                  { class: 'where' },
                  `riga ${p.line}${p.column ? `, colonna ${p.column}` : ''}`,
                )
              : '',
            p.elementId ? ` [${p.elementId}] ` : ' ',
            p.message,
          ),
        ),
      ),
    );

  async function load(xml: string): Promise<void> {
    show(results);
    try {
      const warnings = await editor.open(xml);
      if (warnings.length)
        show(
          results,
          problemList(
            'Il modello è stato aperto con questi avvisi:',
            warnings.map((message) => ({ code: 'IMPORT', message })),
          ),
        );
    } catch (error) {
      show(
        results,
        message('error', `Il file non è un diagramma BPMN leggibile: ${(error as Error).message}`),
      );
    }
  }

  async function verify(): Promise<void> {
    const result = await api<{ valid: boolean; problems: Issue[]; warnings: Issue[] }>(
      'POST',
      '/models/validate',
      { xml: await editor.xml() },
    );
    show(
      results,
      result.valid
        ? message('notice', 'Nessun problema: il modello può essere pubblicato.')
        : problemList('Il modello non può essere pubblicato:', result.problems),
      result.warnings.length > 0 && problemList('Avvisi:', result.warnings),
    );
  }

  async function publish(): Promise<void> {
    try {
      const { processes } = await api<{
        processes: Array<{ bpmnProcessId: string; version: number; processDefinitionKey: string }>;
      }>('POST', '/models', {
        name: fileName.value.trim(),
        xml: await editor.xml(),
      });
      notifyNext(
        `Pubblicato: ${processes.map((p) => `${p.bpmnProcessId} versione ${p.version}`).join(', ')}.`,
      );
      // The published version, with the list of models brought up to date.
      location.hash = `#/modelli/${processes[0].processDefinitionKey}`;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      show(
        results,
        message('error', error.message),
        error.details.length > 0 && problemList('Problemi:', error.details as Issue[]),
      );
    }
  }

  const run = (work: () => Promise<void>) => () =>
    void work().catch((error: unknown) =>
      show(results, message('error', error instanceof ApiError ? error.message : String(error))),
    );

  show(
    root,
    h(
      'h1',
      {},
      opened ? `${opened.name ?? opened.bpmnProcessId} · versione ${opened.version}` : 'Modelli',
    ),
    h(
      'details',
      { class: 'deployed' },
      h('summary', {}, `Modelli pubblicati (${items.length})`),
      h(
        'ul',
        {},
        ...items.map((d) =>
          h(
            'li',
            {},
            h('a', { href: `#/modelli/${d.key}` }, `${d.name ?? d.bpmnProcessId} v${d.version}`),
            ` · ${d.resourceName} · ${dateTime(d.deployedAt)}`,
          ),
        ),
      ),
    ),
    h(
      'div',
      { class: 'toolbar' },
      h(
        'button',
        {
          type: 'button',
          onclick: () =>
            location.hash === '#/modelli' ? refresh() : (location.hash = '#/modelli'),
        },
        'Nuovo modello',
      ),
      h('label', { for: 'file-name' }, 'Nome del file'),
      fileName,
      h('button', { type: 'button', onclick: run(verify) }, 'Verifica'),
      h('button', { type: 'button', class: 'primary', onclick: run(publish) }, 'Pubblica'),
    ),
    canvas,
    results,
    h(
      'details',
      { class: 'import' },
      h('summary', {}, 'Importa XML'),
      pasted,
      h('button', { type: 'button', onclick: run(() => load(pasted.value)) }, 'Apri nel modeler'),
    ),
  );
  const notice = takeNotice();
  await load(opened ? await apiText(`/models/${opened.key}/xml`) : NEW_DIAGRAM);
  if (notice) show(results, message('notice', notice));
  return () => editor.destroy();
}
