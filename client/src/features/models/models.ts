import { api, apiText, query } from '../../api/client';

/** One deployed version of a model (GET /api/models). */
export interface ModelVersion {
  key: string;
  bpmnProcessId: string;
  version: number;
  name: string | null;
  resourceName: string;
  checksum: string;
  deployedAt: string;
  /** A display name; «Percorsi» for the paths shipped with Percorsi. */
  deployedBy: string | null;
}

/** A finding of the validation, where the XML has it and on which element. */
export interface ModelIssue {
  code: string;
  message: string;
  line?: number;
  column?: number;
  elementId?: string;
  rule?: string;
}

export interface ModelValidation {
  valid: boolean;
  problems: ModelIssue[];
  warnings: ModelIssue[];
}

export interface Deployment {
  processes: Array<{ bpmnProcessId: string; version: number; processDefinitionKey: string }>;
  warnings: ModelIssue[];
}

/** A model with its versions, newest first. */
export interface ModelPath {
  bpmnProcessId: string;
  name: string;
  versions: ModelVersion[];
}

export const modelsHome = '/amministrazione/modelli';
export const pathHref = (bpmnProcessId: string) =>
  `${modelsHome}/${encodeURIComponent(bpmnProcessId)}`;
export const versionHref = (bpmnProcessId: string, version: number) =>
  `${pathHref(bpmnProcessId)}/versioni/${version}`;
export const diffHref = (bpmnProcessId: string, from: number, to: number) =>
  `${pathHref(bpmnProcessId)}/confronto/${from}/${to}`;

/** The page size the API allows at most. */
const ALL = 100;

/** Every version of every model, grouped by model, the models by name. */
export async function modelPaths(): Promise<ModelPath[]> {
  const versions: ModelVersion[] = [];
  for (let offset = 0; ; offset += ALL) {
    const page = await api<{ items: ModelVersion[]; total: number }>(
      'GET',
      `/models${query({ limit: ALL, offset })}`,
    );
    versions.push(...page.items);
    if (page.items.length === 0 || versions.length >= page.total) break;
  }
  const paths = new Map<string, ModelVersion[]>();
  for (const version of versions)
    paths.set(version.bpmnProcessId, [...(paths.get(version.bpmnProcessId) ?? []), version]);
  return [...paths.entries()]
    .map(([bpmnProcessId, list]) => {
      const sorted = list.sort((a, b) => b.version - a.version);
      return { bpmnProcessId, name: sorted[0].name ?? bpmnProcessId, versions: sorted };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'it'));
}

/** One model's versions, newest first. */
export async function modelVersions(bpmnProcessId: string): Promise<ModelVersion[]> {
  const versions: ModelVersion[] = [];
  for (let offset = 0; ; offset += ALL) {
    const page = await api<{ items: ModelVersion[]; total: number }>(
      'GET',
      `/models${query({ bpmnProcessId, limit: ALL, offset })}`,
    );
    versions.push(...page.items);
    if (page.items.length === 0 || versions.length >= page.total) break;
  }
  return versions;
}

export const modelXml = (key: string) => apiText(`/models/${key}/xml`);

export const pathName = (version: Pick<ModelVersion, 'name' | 'bpmnProcessId'>) =>
  version.name ?? version.bpmnProcessId;

/** "Amministratore", or a dash for versions deployed before authors were kept. */
export const author = (version: ModelVersion) => version.deployedBy ?? '—';
