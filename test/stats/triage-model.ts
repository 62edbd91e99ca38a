import { bpmn, Node, serviceTask } from '../engine/models';

/** start → triage → urgent? → a: urgent step → end · b (default) → end */
export function triageModel(processId = 'pf-triage-path'): string {
  const nodes: Node[] = [
    { id: 'start', type: 'bpmn:startEvent' },
    serviceTask('triage', 'pf-triage'),
    { id: 'esito', type: 'bpmn:exclusiveGateway' },
    serviceTask('urgente', 'pf-urgent'),
    { id: 'fine', type: 'bpmn:endEvent' },
    { id: 'fine-ordinaria', type: 'bpmn:endEvent' },
  ];
  return bpmn(processId, nodes, [
    { id: 'f1', from: 'start', to: 'triage' },
    { id: 'f2', from: 'triage', to: 'esito' },
    { id: 'a', from: 'esito', to: 'urgente', condition: '=urgent' },
    { id: 'b', from: 'esito', to: 'fine-ordinaria', isDefault: true },
    { id: 'f3', from: 'urgente', to: 'fine' },
  ]);
}
