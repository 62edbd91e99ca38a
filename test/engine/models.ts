/**
 * Inline BPMN for the engine scenarios. Each model is a complete executable
 * process with diagram information (the deployment lint asks for it), built
 * from a list of nodes laid out left to right.
 */
export interface Node {
  id: string;
  /** e.g. 'bpmn:serviceTask'; the element's inner XML goes in body. */
  type: string;
  attrs?: string;
  body?: string;
  /** For boundary events: the activity they sit on. */
  attachedTo?: string;
}

export interface Flow {
  id: string;
  from: string;
  to: string;
  condition?: string;
  isDefault?: boolean;
}

/**
 * `inner` lists elements and flows nested in sub-processes (written by hand in
 * a node's body) that need diagram shapes and edges too, and artifacts
 * (associations) of the process.
 */
export function bpmn(
  processId: string,
  nodes: Node[],
  flows: Flow[],
  extra = '',
  inner: { shapes?: string[]; edges?: string[]; artifacts?: string[] } = {},
): string {
  const position = new Map(
    nodes.map((n, i) => [n.id, { x: 100 + i * 150, y: n.attachedTo ? 220 : 100 }]),
  );
  const outgoing = (id: string) =>
    flows
      .filter((f) => f.from === id)
      .map((f) => `<bpmn:outgoing>${f.id}</bpmn:outgoing>`)
      .join('');
  const incoming = (id: string) =>
    flows
      .filter((f) => f.to === id)
      .map((f) => `<bpmn:incoming>${f.id}</bpmn:incoming>`)
      .join('');
  const defaults = new Map(flows.filter((f) => f.isDefault).map((f) => [f.from, f.id]));
  const elements = nodes
    .map((n) => {
      const attrs = [
        `id="${n.id}"`,
        `name="${n.id}"`,
        n.attachedTo ? `attachedToRef="${n.attachedTo}"` : '',
        defaults.has(n.id) ? `default="${defaults.get(n.id)}"` : '',
        n.attrs ?? '',
      ].join(' ');
      return `<${n.type} ${attrs}>${incoming(n.id)}${outgoing(n.id)}${n.body ?? ''}</${n.type}>`;
    })
    .join('\n');
  const sequenceFlows = flows
    .map((f) =>
      f.condition
        ? `<bpmn:sequenceFlow id="${f.id}" sourceRef="${f.from}" targetRef="${f.to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${escapeXml(f.condition)}</bpmn:conditionExpression></bpmn:sequenceFlow>`
        : `<bpmn:sequenceFlow id="${f.id}" sourceRef="${f.from}" targetRef="${f.to}" />`,
    )
    .join('\n');
  const shapes = nodes
    .map((n) => {
      const p = position.get(n.id)!;
      const size = /Event/.test(n.type) ? 36 : /Gateway/.test(n.type) ? 50 : 80;
      return `<bpmndi:BPMNShape id="${n.id}_di" bpmnElement="${n.id}"><dc:Bounds x="${p.x}" y="${p.y}" width="${size}" height="${size}" /></bpmndi:BPMNShape>`;
    })
    .join('\n');
  const edges = flows
    .map((f) => {
      const a = position.get(f.from)!;
      const b = position.get(f.to)!;
      return `<bpmndi:BPMNEdge id="${f.id}_di" bpmnElement="${f.id}"><di:waypoint x="${a.x + 40}" y="${a.y + 18}" /><di:waypoint x="${b.x}" y="${b.y + 18}" /></bpmndi:BPMNEdge>`;
    })
    .join('\n');
  const innerDi = [
    ...(inner.shapes ?? []).map(
      (id, i) =>
        `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${100 + i * 120}" y="400" width="80" height="80" /></bpmndi:BPMNShape>`,
    ),
    ...(inner.edges ?? []).map(
      (id, i) =>
        `<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}"><di:waypoint x="${180 + i * 120}" y="440" /><di:waypoint x="${220 + i * 120}" y="440" /></bpmndi:BPMNEdge>`,
    ),
  ].join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
${extra}
<bpmn:process id="${processId}" name="${processId}" isExecutable="true">
${elements}
${sequenceFlows}
${(inner.artifacts ?? []).join('\n')}
</bpmn:process>
<bpmndi:BPMNDiagram id="Diagram_${processId}"><bpmndi:BPMNPlane id="Plane_${processId}" bpmnElement="${processId}">
${shapes}
${edges}
${innerDi}
</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export const serviceTask = (id: string, type: string, extra = ''): Node => ({
  id,
  type: 'bpmn:serviceTask',
  body: `<bpmn:extensionElements><zeebe:taskDefinition type="${type}" retries="3" />${extra}</bpmn:extensionElements>`,
});

/** start → service tasks in a row → end */
export function chain(processId: string, taskTypes: string[]): string {
  const nodes: Node[] = [
    { id: 'start', type: 'bpmn:startEvent' },
    ...taskTypes.map((type, i) => serviceTask(`task${i + 1}`, type)),
    { id: 'end', type: 'bpmn:endEvent' },
  ];
  const flows = nodes.slice(1).map((n, i) => ({ id: `f${i + 1}`, from: nodes[i].id, to: n.id }));
  return bpmn(processId, nodes, flows);
}
