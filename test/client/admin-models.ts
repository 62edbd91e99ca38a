/**
 * The small path the administrator's browser suites edit: a user task for a group with a
 * 48-hour timer on it, then a service task for a worker the test drives.
 */
export const PROVA_ID = 'adm-prova';
export const PROVA_NAME = 'Colloqui di prova';

/** The form the user task links (published before the model, so no warning). */
export const PROVA_FORM = {
  id: 'adm-colloquio',
  type: 'default',
  components: [
    {
      id: 'Field_esito',
      type: 'radio',
      key: 'esito',
      label: 'Esito del colloquio',
      values: [
        { label: 'Tenuto', value: 'held' },
        { label: 'Rinviato', value: 'postponed' },
      ],
      validate: { required: true },
    },
  ],
};

export function provaModel(
  options: { candidateGroups?: string; duration?: string; jobType?: string } = {},
): string {
  const { candidateGroups = 'caseworker', duration = 'PT48H', jobType = 'adm-invio' } = options;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_prova" targetNamespace="http://bpmn.io/schema/bpmn" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.5.0">
  <bpmn:process id="${PROVA_ID}" name="${PROVA_NAME}" isExecutable="true">
    <bpmn:startEvent id="inizio" name="Richiesta ricevuta"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="colloquio" name="Colloquio con la persona"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="${candidateGroups}" /><zeebe:formDefinition formId="${PROVA_FORM.id}" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:serviceTask id="invio" name="Invio all’ufficio"><bpmn:extensionElements><zeebe:taskDefinition type="${jobType}" retries="3" /></bpmn:extensionElements><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:endEvent id="fine" name="Concluso"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:boundaryEvent id="attesa" name="Trascorso il termine" attachedToRef="colloquio"><bpmn:outgoing>f4</bpmn:outgoing><bpmn:timerEventDefinition id="attesa_def"><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${duration}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:endEvent id="scaduto" name="Colloquio non tenuto"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="inizio" targetRef="colloquio" />
    <bpmn:sequenceFlow id="f2" sourceRef="colloquio" targetRef="invio" />
    <bpmn:sequenceFlow id="f3" sourceRef="invio" targetRef="fine" />
    <bpmn:sequenceFlow id="f4" sourceRef="attesa" targetRef="scaduto" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram_prova">
    <bpmndi:BPMNPlane id="Plane_prova" bpmnElement="${PROVA_ID}">
      <bpmndi:BPMNShape id="inizio_di" bpmnElement="inizio"><dc:Bounds x="160" y="120" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="colloquio_di" bpmnElement="colloquio"><dc:Bounds x="260" y="98" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="invio_di" bpmnElement="invio"><dc:Bounds x="430" y="98" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="fine_di" bpmnElement="fine"><dc:Bounds x="600" y="120" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="attesa_di" bpmnElement="attesa"><dc:Bounds x="292" y="160" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="scaduto_di" bpmnElement="scaduto"><dc:Bounds x="292" y="262" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="196" y="138" /><di:waypoint x="260" y="138" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="360" y="138" /><di:waypoint x="430" y="138" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="530" y="138" /><di:waypoint x="600" y="138" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f4_di" bpmnElement="f4"><di:waypoint x="310" y="196" /><di:waypoint x="310" y="262" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}
