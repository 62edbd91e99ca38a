import { api, query } from '../../api/client';

/** One published version of a form (without its schema). */
export interface FormVersion {
  key: string;
  formId: string;
  version: number;
  resourceName: string;
  checksum: string;
  deployedAt: string;
  deployedBy: string | null;
}

export interface FormWithSchema extends FormVersion {
  schema: Record<string, unknown>;
}

/** A model (its latest version) whose user tasks link the form. */
export interface FormUsage {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: string;
  processName: string | null;
  userTasks: Array<{ elementId: string; elementName: string | null }>;
}

/** GET /api/forms: the latest version of each form. */
export interface FormSummary extends FormVersion {
  versions: number;
  usedBy: FormUsage[];
}

export interface FormValidation {
  valid: boolean;
  formId: string | null;
  problems: Array<{ code: string; message: string }>;
}

export interface DeployedForm extends FormVersion {
  /** False when the content was already the latest version: nothing new was published. */
  created: boolean;
}

export const formsHome = '/amministrazione/moduli';
export const formHref = (formId: string) => `${formsHome}/${encodeURIComponent(formId)}`;
export const formVersionHref = (formId: string, version: number) =>
  `${formHref(formId)}/versioni/${version}`;

const ALL = 100;

/** Every form, in form id order. */
export async function allForms(): Promise<FormSummary[]> {
  const forms: FormSummary[] = [];
  for (let offset = 0; ; offset += ALL) {
    const page = await api<{ items: FormSummary[]; total: number }>(
      'GET',
      `/forms${query({ limit: ALL, offset })}`,
    );
    forms.push(...page.items);
    if (page.items.length === 0 || forms.length >= page.total) return forms;
  }
}

export async function formVersions(formId: string): Promise<FormVersion[]> {
  const page = await api<{ items: FormVersion[]; total: number }>(
    'GET',
    `/forms/${encodeURIComponent(formId)}/versions${query({ limit: ALL })}`,
  );
  return page.items;
}

export const formAt = (formId: string, version?: string) =>
  api<FormWithSchema>(
    'GET',
    version
      ? `/forms/${encodeURIComponent(formId)}/versions/${encodeURIComponent(version)}`
      : `/forms/${encodeURIComponent(formId)}`,
  );

/** "Percorso (versione 3): Compito, Altro compito". */
export function usageText(usage: FormUsage): string {
  const tasks = usage.userTasks.map((t) => t.elementName ?? t.elementId).join(', ');
  return `${usage.processName ?? usage.bpmnProcessId} (versione ${usage.version}): ${tasks}`;
}
