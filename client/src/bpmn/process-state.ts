import { api, apiText } from '../api';

/** A path of a case as the diagram shows it: the model and where the instance is. */
export interface ProcessState {
  bpmnProcessId: string;
  processInstanceKey: string;
  state: string;
  xml: string;
  activeElementIds: string[];
  completedElementIds: string[];
  takenSequenceFlowIds: string[];
}

/** The case's paths, readable by those who may open the case (GET /api/cases/:id/process). */
export function caseProcesses(caseId: string): Promise<ProcessState[]> {
  return api<ProcessState[]>('GET', `/cases/${caseId}/process`);
}

interface Instance extends Omit<ProcessState, 'xml'> {
  version: number;
}

/** One instance through the engine's API (administrators only): the same shape, from three calls. */
export async function instanceProcess(key: string): Promise<ProcessState> {
  const instance = await api<Instance>('GET', `/process-instances/${key}`);
  const query = new URLSearchParams({ bpmnProcessId: instance.bpmnProcessId, limit: '100' });
  const { items } = await api<{ items: Array<{ key: string; version: number }> }>(
    'GET',
    `/models?${query}`,
  );
  const definition = items.find((d) => d.version === instance.version);
  const xml = definition ? await apiText(`/models/${definition.key}/xml`) : '';
  return { ...instance, xml };
}
