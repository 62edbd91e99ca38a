import { api, query } from '../../api/client';
import { ProcessState } from '../../bpmn/process-state';
import { modelVersions, modelXml } from '../models/models';

export type InstanceState = 'ACTIVE' | 'COMPLETED' | 'CANCELED' | 'TERMINATED';

export const INSTANCE_STATES: Record<InstanceState, { label: string; color: string }> = {
  ACTIVE: { label: 'In corso', color: 'primary' },
  COMPLETED: { label: 'Conclusa', color: 'success' },
  CANCELED: { label: 'Annullata', color: 'secondary' },
  TERMINATED: { label: 'Terminata', color: 'secondary' },
};

/** An instance as the list shows it (GET /api/process-instances). */
export interface InstanceSummary {
  processInstanceKey: string;
  bpmnProcessId: string;
  processName: string | null;
  version: number;
  businessKey: string | null;
  state: InstanceState;
  startedAt: string;
  endedAt: string | null;
  /** Open incidents. */
  incidents: number;
}

/** GET /api/process-instances/:key. */
export interface InstanceDetail {
  processInstanceKey: string;
  bpmnProcessId: string;
  version: number;
  businessKey: string | null;
  state: InstanceState;
  startedAt: string;
  endedAt: string | null;
  activeElementIds: string[];
  repeatedActiveElements: Record<string, number>;
  completedElementIds: string[];
  takenSequenceFlowIds: string[];
}

/** An incident as GET /api/incidents lists it. */
export interface Incident {
  key: string;
  state: 'ACTIVE' | 'RESOLVED';
  errorType: string;
  errorMessage: string;
  elementId: string;
  elementName: string | null;
  elementInstanceKey: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  processName: string | null;
  businessKey: string | null;
  jobKey: string | null;
  /** Retries the job has left; null without a job. */
  retries: number | null;
  createdAt: string;
  resolvedAt: string | null;
}

export const instancesHome = '/amministrazione/istanze';
export const instanceHref = (key: string) => `${instancesHome}/${key}`;

/** "SSC-III-2026-000777", or the instance's key when it has no case number. */
export const instanceLabel = (i: { businessKey: string | null; processInstanceKey: string }) =>
  i.businessKey ?? `istanza ${i.processInstanceKey}`;

/** An instance with what its screen shows: the diagram's state, names, open incidents. */
export interface InstanceView {
  instance: InstanceDetail;
  processName: string;
  diagram: ProcessState;
  /** Element id → name, from the model. */
  names: Map<string, string>;
  incidents: Incident[];
}

export async function loadInstance(key: string): Promise<InstanceView> {
  const instance = await api<InstanceDetail>('GET', `/process-instances/${key}`);
  const [versions, incidents] = await Promise.all([
    modelVersions(instance.bpmnProcessId),
    api<{ items: Incident[] }>(
      'GET',
      `/incidents${query({ processInstanceKey: key, state: 'ACTIVE', limit: 100 })}`,
    ),
  ]);
  const version = versions.find((v) => v.version === instance.version);
  const xml = version ? await modelXml(version.key) : null;
  if (!xml) throw new Error(`La versione ${instance.version} del modello non è disponibile.`);
  return {
    instance,
    processName: version?.name ?? instance.bpmnProcessId,
    names: elementNames(xml),
    incidents: incidents.items,
    diagram: {
      bpmnProcessId: instance.bpmnProcessId,
      processInstanceKey: instance.processInstanceKey,
      state: instance.state,
      xml,
      activeElementIds: instance.activeElementIds,
      repeatedActiveElements: instance.repeatedActiveElements,
      completedElementIds: instance.completedElementIds,
      takenSequenceFlowIds: instance.takenSequenceFlowIds,
      incidentElementIds: incidents.items.map((i) => i.elementId),
    },
  };
}

/** The names of a model's elements, read from its XML (no bpmn-js needed). */
export function elementNames(xml: string): Map<string, string> {
  const names = new Map<string, string>();
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  for (const element of document.querySelectorAll('[id][name]')) {
    const name = element.getAttribute('name')?.trim();
    if (name) names.set(element.getAttribute('id')!, name);
  }
  return names;
}

export const retryIncident = (incident: Pick<Incident, 'key'>) =>
  api('POST', `/incidents/${incident.key}/retry`, {});

export const cancelInstance = (key: string) => api('POST', `/process-instances/${key}/cancel`);
