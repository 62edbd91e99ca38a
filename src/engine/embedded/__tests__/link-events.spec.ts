import { compileBpmn, DeploymentError } from '../compile';
import { bpmn, flow, Scenario, serviceTask, trail } from './harness';

const throwLink = (id: string, name: string) =>
  `<bpmn:intermediateThrowEvent id="${id}"><bpmn:linkEventDefinition name="${name}" /></bpmn:intermediateThrowEvent>`;
const catchLink = (id: string, name: string) =>
  `<bpmn:intermediateCatchEvent id="${id}"><bpmn:linkEventDefinition name="${name}" /></bpmn:intermediateCatchEvent>`;

describe('link events (Zeebe 8.2+)', () => {
  it('a throw link goes on at the catch link of its name, as two none events joined by a flow, without a flow record for the jump', async () => {
    const s = await Scenario.of(
      bpmn(`
      <bpmn:startEvent id="start" />${flow('f0', 'start', 'a')}
      ${serviceTask('a', 'a')}${flow('f1', 'a', 'toB')}${throwLink('toB', 'B')}
      ${catchLink('atB', 'B')}${flow('f2', 'atB', 'b')}
      ${serviceTask('b', 'b')}${flow('f3', 'b', 'end')}<bpmn:endEvent id="end" />`),
    );
    await s.start();
    const linked = await s.completeJob('a');
    expect(trail(linked)).toEqual([
      'COMPLETED a',
      'TAKEN f1',
      'ACTIVATED toB',
      'COMPLETED toB',
      'ACTIVATED atB',
      'COMPLETED atB',
      'TAKEN f2',
      'ACTIVATED b',
    ]);
    expect(linked.flowEvents.find((e) => e.elementId === 'atB')).toMatchObject({
      elementType: 'INTERMEDIATE_CATCH_EVENT',
      bpmnEventType: 'LINK',
    });
    const done = await s.completeJob('b');
    expect(trail(done)).toContain('COMPLETED process');
  });

  it('a retry loop through a link pair, and several throws to one catch', async () => {
    const s = await Scenario.of(
      bpmn(`
      <bpmn:startEvent id="start" />${flow('f0', 'start', 'first')}${throwLink('first', 'Retry')}
      ${catchLink('retry', 'Retry')}${flow('f1', 'retry', 'a')}
      ${serviceTask('a', 'a')}${flow('f2', 'a', 'ok')}
      <bpmn:exclusiveGateway id="ok" default="again" />
      ${flow('done', 'ok', 'end', '=sent')}${flow('again', 'ok', 'loop')}${throwLink('loop', 'Retry')}
      <bpmn:endEvent id="end" />`),
    );
    const started = await s.start({ sent: false });
    expect(trail(started).slice(-5)).toEqual([
      'COMPLETED first',
      'ACTIVATED retry',
      'COMPLETED retry',
      'TAKEN f1',
      'ACTIVATED a',
    ]);
    const again = await s.completeJob('a');
    expect(trail(again).slice(-6)).toEqual([
      'ACTIVATED loop',
      'COMPLETED loop',
      'ACTIVATED retry',
      'COMPLETED retry',
      'TAKEN f1',
      'ACTIVATED a',
    ]);
    const done = await s.completeJob('a', { sent: true });
    expect(trail(done)).toContain('COMPLETED process');
  });

  it('a link pair inside a sub-process', async () => {
    const s = await Scenario.of(
      bpmn(`
      <bpmn:startEvent id="start" />${flow('f0', 'start', 'sub')}
      <bpmn:subProcess id="sub">
        <bpmn:startEvent id="s0" />${flow('g0', 's0', 'go')}${throwLink('go', 'X')}
        ${catchLink('at', 'X')}${flow('g1', 'at', 'a')}${serviceTask('a', 'a')}${flow('g2', 'a', 's1')}
        <bpmn:endEvent id="s1" />
      </bpmn:subProcess>${flow('f1', 'sub', 'end')}<bpmn:endEvent id="end" />`),
    );
    await s.start();
    const done = await s.completeJob('a');
    expect(trail(done)).toEqual([
      'COMPLETED a',
      'TAKEN g2',
      'ACTIVATED s1',
      'COMPLETED s1',
      'COMPLETED sub',
      'TAKEN f1',
      'ACTIVATED end',
      'COMPLETED end',
      'COMPLETED process',
    ]);
  });

  it('a link catch event no throw event goes to never runs, as on Zeebe', async () => {
    const s = await Scenario.of(
      bpmn(`
      <bpmn:startEvent id="start" />${flow('f0', 'start', 'a')}
      ${serviceTask('a', 'a')}${flow('f1', 'a', 'end')}<bpmn:endEvent id="end" />
      ${catchLink('orphan', 'O')}${flow('f2', 'orphan', 'b')}${serviceTask('b', 'b')}`),
    );
    const started = await s.start();
    expect(started.jobsCreated.map((j) => j.elementId)).toEqual(['a']);
    expect(trail(await s.completeJob('a'))).toContain('COMPLETED process');
  });

  describe('refused at deployment, as Zeebe does', () => {
    const refused = async (body: string) => {
      const err = await compileBpmn(bpmn(body)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DeploymentError);
      return (err as DeploymentError).problems.join('\n');
    };

    it('a throw link without a catch link of its name in the same scope', async () => {
      expect(
        await refused(`
        <bpmn:startEvent id="start" />${flow('f0', 'start', 'sub')}
        <bpmn:subProcess id="sub"><bpmn:startEvent id="s0" />${flow('g0', 's0', 'go')}${throwLink('go', 'X')}</bpmn:subProcess>
        ${catchLink('at', 'X')}${flow('f1', 'at', 'end')}<bpmn:endEvent id="end" />`),
      ).toContain("element 'go': no link catch event named 'X' in the same scope");
    });

    it('two catch links with one name', async () => {
      expect(
        await refused(`
        <bpmn:startEvent id="start" />${flow('f0', 'start', 'go')}${throwLink('go', 'X')}
        ${catchLink('at1', 'X')}${flow('f1', 'at1', 'end')}
        ${catchLink('at2', 'X')}${flow('f2', 'at2', 'end')}<bpmn:endEvent id="end" />`),
      ).toContain("element 'at2': another link catch event of this scope is named 'X'");
    });
  });
});
