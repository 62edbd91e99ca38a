import { compileBpmn, DeploymentError } from '../compile';
import { bpmn, escapeXml, flow, serviceTask } from './harness';

async function problems(xml: string): Promise<string[]> {
  try {
    await compileBpmn(xml);
  } catch (err) {
    if (err instanceof DeploymentError) return err.problems;
    throw err;
  }
  return [];
}

describe('compile', () => {
  it('extracts process and element metadata, JSON-serialisable', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs" targetNamespace="x">
  <bpmn:message id="Msg_Start" name="=&quot;referral-&quot; + &quot;minori&quot;" />
  <bpmn:message id="Msg_Doc" name="document"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseNumber" /></bpmn:extensionElements></bpmn:message>
  <bpmn:error id="Err" errorCode="REJECTED" />
  <bpmn:process id="intake" name="Intake" isExecutable="true">
    <bpmn:startEvent id="byHand" />
    <bpmn:startEvent id="byReferral"><bpmn:messageEventDefinition messageRef="Msg_Start" /></bpmn:startEvent>
    <bpmn:startEvent id="nightly"><bpmn:timerEventDefinition><bpmn:timeCycle>R/P1D</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
    ${flow('f1', 'byHand', 'check')}${flow('f2', 'byReferral', 'check')}${flow('f3', 'nightly', 'check')}
    <bpmn:serviceTask id="check" name="Check">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="check" retries="5" />
        <zeebe:taskHeaders><zeebe:header key="h" value="v" /></zeebe:taskHeaders>
        <zeebe:ioMapping><zeebe:input source="=a" target="b" /><zeebe:output source="=c" target="d" /></zeebe:ioMapping>
      </bpmn:extensionElements>
      <bpmn:multiInstanceLoopCharacteristics isSequential="true">
        <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" inputElement="item" outputCollection="out" outputElement="=r" /></bpmn:extensionElements>
      </bpmn:multiInstanceLoopCharacteristics>
    </bpmn:serviceTask>
    <bpmn:boundaryEvent id="rejected" attachedToRef="check"><bpmn:errorEventDefinition errorRef="Err" /></bpmn:boundaryEvent>
    <bpmn:boundaryEvent id="doc" attachedToRef="check" cancelActivity="false"><bpmn:messageEventDefinition messageRef="Msg_Doc" /></bpmn:boundaryEvent>
    ${flow('f4', 'check', 'gw')}
    <bpmn:exclusiveGateway id="gw" default="f6" />
    ${flow('f5', 'gw', 'review', '=d > 1')}${flow('f6', 'gw', 'done')}
    <bpmn:userTask id="review"><bpmn:extensionElements><zeebe:assignmentDefinition assignee="=owner" candidateGroups="a, b" /><zeebe:formDefinition formId="form-1" /></bpmn:extensionElements></bpmn:userTask>
    <bpmn:endEvent id="done" />
    <bpmn:callActivity id="child"><bpmn:extensionElements><zeebe:calledElement processId="other" propagateAllChildVariables="false" /></bpmn:extensionElements></bpmn:callActivity>
  </bpmn:process>
</bpmn:definitions>`;
    const compiled = await compileBpmn(xml);
    expect(JSON.parse(JSON.stringify(compiled))).toEqual(compiled);
    expect(compiled.processes.intake).toEqual({
      bpmnProcessId: 'intake',
      name: 'Intake',
      noneStartEventId: 'byHand',
      startEvents: [
        { elementId: 'byHand', kind: 'none' },
        {
          elementId: 'byReferral',
          kind: 'message',
          message: {
            id: 'Msg_Start',
            name: '="referral-" + "minori"',
            evaluatedName: 'referral-minori',
          },
        },
        { elementId: 'nightly', kind: 'timer', timer: { type: 'timeCycle', value: 'R/P1D' } },
      ],
    });
    expect(compiled.elements.check).toMatchObject({
      elementType: 'SERVICE_TASK',
      behaviour: 'job',
      taskDefinition: { type: 'check', retries: '5' },
      taskHeaders: { h: 'v' },
      ioMapping: {
        inputs: [{ source: '=a', target: 'b' }],
        outputs: [{ source: '=c', target: 'd' }],
      },
      loop: {
        isSequential: true,
        inputCollection: '=items',
        inputElement: 'item',
        outputCollection: 'out',
        outputElement: '=r',
      },
      boundaries: ['rejected', 'doc'],
      outgoing: ['f4'],
    });
    expect(compiled.elements.rejected).toMatchObject({
      eventType: 'ERROR',
      error: { code: 'REJECTED' },
      attachedTo: 'check',
      cancelActivity: true,
    });
    expect(compiled.elements.doc).toMatchObject({
      eventType: 'MESSAGE',
      message: { id: 'Msg_Doc', name: 'document', correlationKey: '=caseNumber' },
      cancelActivity: false,
    });
    expect(compiled.elements.gw).toMatchObject({ defaultFlow: 'f6', outgoing: ['f5', 'f6'] });
    expect(compiled.flows.f5).toEqual({
      id: 'f5',
      sourceId: 'gw',
      targetId: 'review',
      scopeId: 'intake',
      condition: '=d > 1',
    });
    expect(compiled.elements.review).toMatchObject({
      isUserTask: true,
      assignment: { assignee: '=owner', candidateGroups: 'a, b' },
      form: { formId: 'form-1' },
    });
    expect(compiled.elements.child).toMatchObject({
      calledElement: {
        processId: 'other',
        propagateAllChildVariables: false,
        propagateAllParentVariables: true,
      },
    });
  });

  it('refuses what Zeebe or the embedded engine would not run, listing every problem', async () => {
    const found = await problems(
      bpmn(
        `
      <bpmn:startEvent id="s" />${flow('f1', 's', 'svc', '=x')}
      <bpmn:serviceTask id="svc" />
      <bpmn:scriptTask id="js" scriptFormat="javascript"><bpmn:script>${escapeXml('doSomething()')}</bpmn:script></bpmn:scriptTask>
      <bpmn:exclusiveGateway id="g" />${flow('f2', 'g', 'svc', 'x > 1')}
      <bpmn:intermediateCatchEvent id="m"><bpmn:messageEventDefinition messageRef="NoKey" /></bpmn:intermediateCatchEvent>
      <bpmn:subProcess id="evt" triggeredByEvent="true"><bpmn:startEvent id="es" /></bpmn:subProcess>
      <bpmn:complexGateway id="cx" />
      <bpmn:intermediateCatchEvent id="t1"><bpmn:timerEventDefinition><bpmn:timeDuration>ten minutes</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
      <bpmn:boundaryEvent id="t2" attachedToRef="svc" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>0 9 * * MON</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>`,
        '<bpmn:message id="NoKey" name="n" />',
      ),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          "'f1': conditions are only allowed on flows leaving exclusive or inclusive gateways",
        ),
        expect.stringContaining("'svc': zeebe:taskDefinition with a job type is required"),
        expect.stringContaining("'js': scripts are refused"),
        expect.stringContaining("'f2': the condition must be a FEEL expression"),
        expect.stringContaining(
          "'m': the message 'NoKey' needs a zeebe:subscription correlationKey",
        ),
        expect.stringContaining("'evt': it needs exactly one start event"),
        expect.stringContaining("'cx': bpmn:ComplexGateway is not supported"),
        expect.stringContaining("'t1': 'ten minutes' is not a valid ISO 8601 duration"),
        // Zeebe reads cron as Spring does: six fields, seconds first; a five-field crontab is refused.
        expect.stringContaining(
          "'t2': '0 9 * * MON' is not a valid ISO 8601 repeating interval or cron expression (six fields, seconds first)",
        ),
      ]),
    );
  });

  it('refuses a model without executable process and broken XML', async () => {
    expect(await problems(bpmn('').replace('isExecutable="true"', 'isExecutable="false"'))).toEqual(
      ['the model has no executable process'],
    );
    expect((await problems('<not-bpmn'))[0]).toMatch(/invalid BPMN XML|no executable process/);
  });

  it('accepts a simple model', async () => {
    expect(
      await problems(
        bpmn(`<bpmn:startEvent id="s" />${flow('f', 's', 't')}${serviceTask('t', 'x')}`),
      ),
    ).toEqual([]);
  });
});
