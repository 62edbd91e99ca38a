// start → service task → (message ∥ 1 s timer) → service task → end
exports.crashModel = () => {
  const n = (id, type, body = '', inc = [], out = []) =>
    `<bpmn:${type} id="${id}" name="${id}">${inc.map((f) => `<bpmn:incoming>${f}</bpmn:incoming>`).join('')}${out
      .map((f) => `<bpmn:outgoing>${f}</bpmn:outgoing>`)
      .join('')}${body}</bpmn:${type}>`;
  const flows = [
    ['f1', 'start', 'check'],
    ['f2', 'check', 'fork'],
    ['f3', 'fork', 'docs'],
    ['f4', 'fork', 'wait'],
    ['f5', 'docs', 'join'],
    ['f6', 'wait', 'join'],
    ['f7', 'join', 'close'],
    ['f8', 'close', 'end'],
  ];
  const inc = (id) => flows.filter((f) => f[2] === id).map((f) => f[0]);
  const out = (id) => flows.filter((f) => f[1] === id).map((f) => f[0]);
  const task = (type) =>
    `<bpmn:extensionElements><zeebe:taskDefinition type="${type}" retries="5" /></bpmn:extensionElements>`;
  const nodes = [
    n('start', 'startEvent', '', [], out('start')),
    n('check', 'serviceTask', task('check-request'), inc('check'), out('check')),
    n('fork', 'parallelGateway', '', inc('fork'), out('fork')),
    n(
      'docs',
      'intermediateCatchEvent',
      '<bpmn:messageEventDefinition messageRef="Docs" />',
      inc('docs'),
      out('docs'),
    ),
    n(
      'wait',
      'intermediateCatchEvent',
      '<bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1S</bpmn:timeDuration></bpmn:timerEventDefinition>',
      inc('wait'),
      out('wait'),
    ),
    n('join', 'parallelGateway', '', inc('join'), out('join')),
    n('close', 'serviceTask', task('close-case'), inc('close'), out('close')),
    n('end', 'endEvent', '', inc('end'), []),
  ];
  const ids = ['start', 'check', 'fork', 'docs', 'wait', 'join', 'close', 'end'];
  const x = (id) => 100 + ids.indexOf(id) * 120;
  const shapes = ids.map(
    (id) =>
      `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x(id)}" y="100" width="50" height="50" /></bpmndi:BPMNShape>`,
  );
  const edges = flows.map(
    ([id, a, b]) =>
      `<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}"><di:waypoint x="${x(a) + 50}" y="125" /><di:waypoint x="${x(b)}" y="125" /></bpmndi:BPMNEdge>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="crash-defs" targetNamespace="http://bpmn.io/schema/bpmn">
<bpmn:message id="Docs" name="documents-received"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseNumber" /></bpmn:extensionElements></bpmn:message>
<bpmn:process id="crash" name="Crash" isExecutable="true">${nodes.join('')}${flows.map(([id, a, b]) => `<bpmn:sequenceFlow id="${id}" sourceRef="${a}" targetRef="${b}" />`).join('')}</bpmn:process>
<bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="crash">${shapes.join('')}${edges.join('')}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
};
