import { BpmnModdle } from 'bpmn-moddle';
import { readFileSync } from 'fs';
import { join } from 'path';
import { validateModel } from './validate-model';
import type { ProblemCode, RefusedModel, ValidationResult, ValidModel } from './validation-result';

const fixture = (name: string) => readFileSync(join(__dirname, '__fixtures__', name), 'utf8');
const HELLO = readFileSync(join(__dirname, '../../../bpmn/examples/hello.bpmn'), 'utf8');

/** The sample with one change; fails loudly if the text to change is not there. */
function variant(xml: string, from: string | RegExp, to: string): string {
  const changed = xml.replace(from, to);
  if (changed === xml) throw new Error(`variant: ${String(from)} not found`);
  return changed;
}

function refused(result: ValidationResult): RefusedModel {
  if (result.ok)
    throw new Error(`expected a refusal, got ok with ${result.processes.length} processes`);
  return result;
}

function accepted(result: ValidationResult): ValidModel {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.problems, null, 2)}`);
  return result;
}

const codes = (result: ValidationResult): ProblemCode[] =>
  refused(result).problems.map((p) => p.code);

/** Every instance shares the prototype: this sees whether any model reader ran. */
const moddleRead = jest.spyOn(Object.getPrototypeOf(BpmnModdle()), 'fromXML');
beforeEach(() => moddleRead.mockClear());

describe('validateModel', () => {
  describe('valid models', () => {
    it('accepts bpmn/examples/hello.bpmn with its executable process, the moddle root and no warnings', async () => {
      const result = accepted(await validateModel(HELLO));

      expect(result.processes).toEqual([{ bpmnProcessId: 'hello', name: 'Saluto di prova' }]);
      expect(result.warnings).toEqual([]);
      expect(result.definitions.$type).toBe('bpmn:Definitions');
      expect(result.definitions.id).toBe('Definitions_Hello');
    });

    it('accepts FEEL in conditions, correlation keys, mappings and headers', async () => {
      const result = accepted(await validateModel(fixture('valid-feel-everywhere.bpmn')));

      expect(result.processes).toEqual([
        { bpmnProcessId: 'contributo', name: 'Contributo economico' },
      ]);
      expect(result.warnings).toEqual([]);
    });

    it('gives the same answer with Windows line endings', async () => {
      accepted(await validateModel(HELLO.replace(/\n/g, '\r\n')));
    });
  });

  describe('size', () => {
    it('refuses a file over 10 MB with the default limit (2 MB), before parsing it', async () => {
      const huge = variant(
        HELLO,
        '</bpmn:definitions>',
        `<!--${'x'.repeat(10 * 1024 * 1024)}--></bpmn:definitions>`,
      );

      const result = refused(await validateModel(huge));

      expect(result.problems).toEqual([
        expect.objectContaining({ code: 'TOO_LARGE', message: expect.stringContaining('2 MB') }),
      ]);
      expect(moddleRead).not.toHaveBeenCalled();
    });

    it('counts UTF-8 bytes, not characters', async () => {
      const accented = variant(
        HELLO,
        'name="Verifica il saluto"',
        'name="Verifica l\'attività è già svolta"',
      );
      const bytes = Buffer.byteLength(accented, 'utf8');
      expect(accented.length).toBeLessThan(bytes);

      expect(codes(await validateModel(accented, { maxBytes: accented.length }))).toEqual([
        'TOO_LARGE',
      ]);
      expect(codes(await validateModel(accented, { maxBytes: bytes - 1 }))).toEqual(['TOO_LARGE']);
      accepted(await validateModel(accented, { maxBytes: bytes }));
    });
  });

  describe('DOCTYPE and entities', () => {
    it('refuses billion laughs in under 100 ms without reading the model', async () => {
      const xml = fixture('billion-laughs.bpmn');

      const started = performance.now();
      const result = refused(await validateModel(xml));
      const elapsed = performance.now() - started;

      expect(result.problems).toEqual([
        expect.objectContaining({ code: 'DOCTYPE_NOT_ALLOWED', line: 2, column: 1 }),
      ]);
      expect(elapsed).toBeLessThan(100);
      expect(moddleRead).not.toHaveBeenCalled();
    });

    it('refuses an external entity (XXE) without reading the model', async () => {
      const result = refused(await validateModel(fixture('xxe-external-entity.bpmn')));

      expect(result.problems).toEqual([
        expect.objectContaining({ code: 'DOCTYPE_NOT_ALLOWED', line: 2, column: 1 }),
      ]);
      expect(JSON.stringify(result)).not.toContain('root:');
      expect(moddleRead).not.toHaveBeenCalled();
    });

    it('refuses an entity declaration even without a DOCTYPE around it', async () => {
      const xml = variant(HELLO, '<bpmn:process', '<!ENTITY x "y">\n  <bpmn:process');

      expect(refused(await validateModel(xml)).problems).toEqual([
        expect.objectContaining({ code: 'DOCTYPE_NOT_ALLOWED', line: 14, column: 3 }),
      ]);
    });

    it('refuses a reference to an undeclared entity, where it is', async () => {
      const xml = variant(HELLO, 'name="Verifica il saluto"', 'name="Verifica&nbsp;il saluto"');

      expect(refused(await validateModel(xml)).problems).toEqual([
        expect.objectContaining({ code: 'XML_MALFORMED', line: 25, column: 53 }),
      ]);
    });
  });

  describe('malformed XML', () => {
    it('reports an unclosed tag where the parser stops, naming the tag and where it opened', async () => {
      // __fixtures__/malformed-unclosed-tag.bpmn is hello.bpmn without `</bpmn:userTask>`:
      // the user task opens at 25:5, and `</bpmn:process>` at 39:3 does not close it.
      const result = refused(await validateModel(fixture('malformed-unclosed-tag.bpmn')));

      expect(result.problems).toEqual([
        {
          code: 'XML_MALFORMED',
          message:
            "Il tag <bpmn:userTask> (aperto alla riga 25, colonna 5) non è chiuso: al suo posto c'è </bpmn:process>.",
          detail: 'closing tag mismatch',
          line: 39,
          column: 3,
        },
      ]);
      expect(moddleRead).not.toHaveBeenCalled();
    });

    it('counts lines the same way with \\r\\n line endings', async () => {
      const crlf = fixture('malformed-unclosed-tag.bpmn').replace(/\n/g, '\r\n');

      expect(refused(await validateModel(crlf)).problems).toEqual([
        expect.objectContaining({ code: 'XML_MALFORMED', line: 39, column: 3 }),
      ]);
    });

    it('reports a truncated file at its end, naming the unclosed root', async () => {
      const truncated = HELLO.slice(0, HELLO.indexOf('  <bpmndi:BPMNDiagram'));

      expect(refused(await validateModel(truncated)).problems).toEqual([
        expect.objectContaining({
          code: 'XML_MALFORMED',
          message: expect.stringContaining('<bpmn:definitions> (aperto alla riga 2, colonna 1)'),
          line: 41,
          column: 1,
        }),
      ]);
    });

    it('refuses an empty file and a file that is not BPMN', async () => {
      expect(codes(await validateModel(''))).toEqual(['XML_MALFORMED']);
      expect(codes(await validateModel('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toEqual([
        'NOT_BPMN',
      ]);
    });

    it('refuses a duplicated attribute (two readers could pick different values)', async () => {
      const xml = variant(HELLO, 'type="hello"', 'type="hello" type="other"');

      expect(refused(await validateModel(xml)).problems).toEqual([
        expect.objectContaining({ code: 'XML_MALFORMED', line: 20, column: 9 }),
      ]);
    });
  });

  describe('scripts', () => {
    it('refuses a JavaScript script task', async () => {
      const result = refused(await validateModel(fixture('script-task-javascript.bpmn')));

      expect(result.problems).toEqual([
        expect.objectContaining({
          code: 'SCRIPT_NOT_ALLOWED',
          elementId: 'Task_Calcola',
          message: expect.stringContaining('«javascript»'),
          line: 6,
          column: 5,
        }),
      ]);
      expect(moddleRead).not.toHaveBeenCalled();
    });

    const scriptTask = (extension: string, body = '') =>
      variant(
        variant(
          HELLO,
          /<bpmn:serviceTask id="Task_Saluto" name="Prepara il saluto">[\s\S]*?<\/bpmn:extensionElements>/,
          `<bpmn:scriptTask id="Task_Saluto" name="Prepara il saluto">
      <bpmn:extensionElements>
        ${extension}
      </bpmn:extensionElements>${body}`,
        ),
        '</bpmn:serviceTask>',
        '</bpmn:scriptTask>',
      );

    it('accepts a FEEL script task with a result variable', async () => {
      const xml = scriptTask(
        '<zeebe:script expression="=&#34;Ciao &#34; + nome" resultVariable="saluto" />',
      );

      accepted(await validateModel(xml));
    });

    it('accepts a script task done by a job worker', async () => {
      accepted(await validateModel(scriptTask('<zeebe:taskDefinition type="prepara-saluto" />')));
    });

    it.each([
      [
        'an inline body, even declared as FEEL',
        scriptTask(
          '<zeebe:script expression="=1" resultVariable="x" />',
          '<bpmn:script>1 + 1</bpmn:script>',
        ),
        'contiene codice',
      ],
      [
        'a FEEL script without result variable',
        scriptTask('<zeebe:script expression="=1" />'),
        'resultVariable',
      ],
      [
        'a Zeebe script that is not a FEEL expression',
        scriptTask('<zeebe:script expression="nome.toUpperCase()" resultVariable="x" />'),
        'inizia con «=»',
      ],
      ['a script task with no implementation', scriptTask(''), 'zeebe:taskDefinition'],
    ])('refuses %s', async (_case, xml, words) => {
      expect(refused(await validateModel(xml)).problems).toEqual([
        expect.objectContaining({
          code: 'SCRIPT_NOT_ALLOWED',
          elementId: 'Task_Saluto',
          message: expect.stringContaining(words),
        }),
      ]);
    });

    it('refuses an expression declared in a language other than FEEL', async () => {
      const xml = fixture('js-expression-condition.bpmn')
        .replace('${environment.services.pay(importo)}', 'importo &gt; 100')
        .replace(
          'xsi:type="bpmn:tFormalExpression"',
          'xsi:type="bpmn:tFormalExpression" language="JavaScript"',
        );

      expect(refused(await validateModel(xml)).problems).toEqual([
        expect.objectContaining({ code: 'SCRIPT_NOT_ALLOWED', elementId: 'Flow_Alto' }),
      ]);
    });
  });

  describe('JavaScript-style expressions', () => {
    it('refuses a ${…} condition, pointing at the expression', async () => {
      const result = refused(await validateModel(fixture('js-expression-condition.bpmn')));

      expect(result.problems).toEqual([
        expect.objectContaining({
          code: 'JS_EXPRESSION_NOT_ALLOWED',
          elementId: 'Flow_Alto',
          message: expect.stringContaining('<bpmn:conditionExpression>'),
          line: 16,
          column: 67,
        }),
      ]);
      expect(moddleRead).not.toHaveBeenCalled();
    });

    const userTaskExtensions = '<zeebe:formDefinition formKey="percorsi:hello-verifica" />';
    it.each([
      ['a job type', 'type="hello"', 'type="${tipo}"', 'Task_Saluto'],
      [
        'a due date',
        'dueDate="=now() + duration(&#34;P5D&#34;)"',
        'dueDate="${scadenza}"',
        'Task_Verifica',
      ],
      [
        'an input mapping',
        userTaskExtensions,
        `${userTaskExtensions}<zeebe:ioMapping><zeebe:input source="=\${x}" target="y" /></zeebe:ioMapping>`,
        'Task_Verifica',
      ],
      [
        'a task header',
        userTaskExtensions,
        `${userTaskExtensions}<zeebe:taskHeaders><zeebe:header key="k" value="#{bean.run()}" /></zeebe:taskHeaders>`,
        'Task_Verifica',
      ],
      [
        'a name written with a character reference',
        'name="Verifica il saluto"',
        'name="&#36;{x}"',
        'Task_Verifica',
      ],
      [
        'a javascript: link in documentation',
        '<bpmn:outgoing>Flow_ToFine</bpmn:outgoing>',
        '<bpmn:documentation>Vedi java\tscript:alert(1)</bpmn:documentation><bpmn:outgoing>Flow_ToFine</bpmn:outgoing>',
        'Task_Verifica',
      ],
      [
        'a timer duration',
        '<bpmn:outgoing>Flow_ToSaluto</bpmn:outgoing>',
        '<bpmn:outgoing>Flow_ToSaluto</bpmn:outgoing><bpmn:timerEventDefinition><bpmn:timeDuration>${durata}</bpmn:timeDuration></bpmn:timerEventDefinition>',
        'StartEvent_Richiesta',
      ],
    ])('refuses one in %s', async (_place, from, to, elementId) => {
      expect(refused(await validateModel(variant(HELLO, from, to))).problems).toEqual([
        expect.objectContaining({ code: 'JS_EXPRESSION_NOT_ALLOWED', elementId }),
      ]);
    });

    it('refuses one in a message name, wherever the message is declared', async () => {
      const xml = variant(
        HELLO,
        '  <bpmndi:BPMNDiagram',
        '  <bpmn:message id="Message_1" name="${nome}" />\n  <bpmndi:BPMNDiagram',
      );

      expect(refused(await validateModel(xml)).problems).toEqual([
        expect.objectContaining({
          code: 'JS_EXPRESSION_NOT_ALLOWED',
          elementId: 'Message_1',
          line: 41,
          column: 38,
        }),
      ]);
    });
  });

  describe('extensions of other engines', () => {
    it('refuses Camunda 7 attributes and execution listeners', async () => {
      const result = refused(await validateModel(fixture('camunda7-execution-listener.bpmn')));

      expect(result.problems).toEqual([
        expect.objectContaining({
          code: 'FOREIGN_EXTENSION_NOT_ALLOWED',
          elementId: 'Task_Invia',
          message: expect.stringContaining('«camunda:class» di Camunda 7'),
          line: 7,
        }),
        expect.objectContaining({
          code: 'FOREIGN_EXTENSION_NOT_ALLOWED',
          elementId: 'Task_Invia',
          message: expect.stringContaining('<camunda:executionListener>'),
          line: 9,
        }),
      ]);
    });

    it('recognises Camunda 7 by namespace, whatever the prefix', async () => {
      const xml = variant(
        HELLO,
        '<bpmn:serviceTask id="Task_Saluto"',
        '<bpmn:serviceTask xmlns:c7="http://camunda.org/schema/1.0/bpmn" c7:expression="${svc.run()}" id="Task_Saluto"',
      );

      expect(codes(await validateModel(xml))).toContain('FOREIGN_EXTENSION_NOT_ALLOWED');
    });
  });

  describe('executable processes', () => {
    it('refuses a model whose only process is not executable', async () => {
      const xml = variant(HELLO, 'isExecutable="true"', 'isExecutable="false"');

      const result = refused(await validateModel(xml));

      expect(result.problems[0]).toEqual(
        expect.objectContaining({
          code: 'NO_EXECUTABLE_PROCESS',
          elementId: 'hello',
          line: 14,
          column: 3,
        }),
      );
    });

    it('treats a missing isExecutable as not executable, as Zeebe does', async () => {
      const xml = variant(HELLO, ' isExecutable="true"', '');

      expect(codes(await validateModel(xml))).toContain('NO_EXECUTABLE_PROCESS');
    });

    it('accepts a non-executable pool beside an executable one, with a warning', async () => {
      const xml = variant(
        variant(
          HELLO,
          '<bpmn:process id="hello"',
          `<bpmn:collaboration id="Collaboration_1">
    <bpmn:participant id="Participant_Servizio" name="Servizio sociale" processRef="hello" />
    <bpmn:participant id="Participant_Cittadino" name="Cittadino" processRef="cittadino" />
  </bpmn:collaboration>
  <bpmn:process id="cittadino" name="Cittadino">
    <bpmn:startEvent id="Start_Cittadino" name="Chiede aiuto"><bpmn:outgoing>Flow_Cittadino</bpmn:outgoing></bpmn:startEvent>
    <bpmn:endEvent id="End_Cittadino" name="Riceve risposta"><bpmn:incoming>Flow_Cittadino</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_Cittadino" sourceRef="Start_Cittadino" targetRef="End_Cittadino" />
  </bpmn:process>
  <bpmn:process id="hello"`,
        ),
        'bpmnElement="hello">',
        `bpmnElement="Collaboration_1">
      <bpmndi:BPMNShape id="Participant_Servizio_di" bpmnElement="Participant_Servizio" isHorizontal="true">
        <dc:Bounds x="100" y="40" width="560" height="160" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Participant_Cittadino_di" bpmnElement="Participant_Cittadino" isHorizontal="true">
        <dc:Bounds x="100" y="240" width="560" height="100" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Start_Cittadino_di" bpmnElement="Start_Cittadino"><dc:Bounds x="152" y="272" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="End_Cittadino_di" bpmnElement="End_Cittadino"><dc:Bounds x="562" y="272" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="Flow_Cittadino_di" bpmnElement="Flow_Cittadino"><di:waypoint x="188" y="290" /><di:waypoint x="562" y="290" /></bpmndi:BPMNEdge>`,
      );

      const result = accepted(await validateModel(xml));

      expect(result.processes).toEqual([{ bpmnProcessId: 'hello', name: 'Saluto di prova' }]);
      // Marked on the citizen's pool: a process in a collaboration has no shape of its own.
      expect(result.warnings).toEqual([
        expect.objectContaining({
          code: 'PROCESS_NOT_EXECUTABLE',
          elementId: 'Participant_Cittadino',
          message: expect.stringContaining('(cittadino)'),
        }),
      ]);
    });
  });

  describe('lint (bpmnlint recommended + camunda-compat 8.5)', () => {
    it('refuses a service task without a job type, naming the rule and the element', async () => {
      const xml = variant(HELLO, '<zeebe:taskDefinition type="hello" retries="3" />', '');

      const result = refused(await validateModel(xml));

      expect(result.problems).toEqual([
        expect.objectContaining({
          code: 'LINT',
          rule: 'camunda-compat/implementation',
          elementId: 'Task_Saluto',
          message: expect.stringMatching(
            /^«Prepara il saluto» \(Task_Saluto\): manca l'implementazione/,
          ),
          line: 18,
          column: 5,
        }),
      ]);
    });

    it('refuses an element missing from the diagram (no-bpmndi stays an error)', async () => {
      const xml = variant(
        HELLO,
        /<bpmndi:BPMNShape id="Task_Verifica_di"[\s\S]*?<\/bpmndi:BPMNShape>/,
        '',
      );

      expect(refused(await validateModel(xml)).problems).toEqual([
        expect.objectContaining({ code: 'LINT', rule: 'no-bpmndi', elementId: 'Task_Verifica' }),
      ]);
    });

    it('refuses an invalid FEEL due date', async () => {
      const xml = variant(HELLO, 'dueDate="=now() + duration(&#34;P5D&#34;)"', 'dueDate="=now( +"');

      expect(refused(await validateModel(xml)).problems).toEqual([
        expect.objectContaining({
          code: 'LINT',
          rule: 'camunda-compat/feel',
          elementId: 'Task_Verifica',
        }),
      ]);
    });

    it('accepts an unnamed task, with a label-required warning', async () => {
      const result = accepted(await validateModel(variant(HELLO, ' name="Prepara il saluto"', '')));

      expect(result.warnings).toEqual([
        expect.objectContaining({ code: 'LINT', rule: 'label-required', elementId: 'Task_Saluto' }),
      ]);
    });

    it('does not carry one model into the next lint (rules with memory)', async () => {
      // A Linter reused across models reports every flow of the second one
      // as a duplicate of the first's (no-duplicate-sequence-flows).
      accepted(await validateModel(HELLO));
      accepted(await validateModel(HELLO));
    });

    it('refuses a Camunda user task, which the tasklist would never see', async () => {
      const xml = variant(
        HELLO,
        '<zeebe:assignmentDefinition',
        '<zeebe:userTask />\n        <zeebe:assignmentDefinition',
      );

      expect(codes(await validateModel(xml))).toContain('ZEEBE_USER_TASK_NOT_SUPPORTED');
    });
  });

  describe('every finding names the element the diagram marks', () => {
    const secondStart = (xml: string) =>
      variant(
        variant(
          xml,
          '<bpmn:endEvent id="EndEvent_Salutato"',
          '<bpmn:startEvent id="S2" name="Altro inizio" />\n    <bpmn:endEvent id="EndEvent_Salutato"',
        ),
        /(<bpmndi:BPMNPlane [^>]*>)/,
        '$1<bpmndi:BPMNShape id="S2_di" bpmnElement="S2"><dc:Bounds x="152" y="200" width="36" height="36" /></bpmndi:BPMNShape>',
      );

    it('a finding about a process in a pool is marked on the pool (bpmn-js draws no process shape)', async () => {
      const pooled = variant(
        variant(
          HELLO,
          '<bpmn:process id="hello"',
          '<bpmn:collaboration id="Collab"><bpmn:participant id="Pool" name="Servizio" processRef="hello" /></bpmn:collaboration>\n  <bpmn:process id="hello"',
        ),
        /<bpmndi:BPMNPlane id="BPMNPlane_Hello" bpmnElement="hello">/,
        '<bpmndi:BPMNPlane id="BPMNPlane_Hello" bpmnElement="Collab"><bpmndi:BPMNShape id="Pool_di" bpmnElement="Pool" isHorizontal="true"><dc:Bounds x="100" y="0" width="700" height="300" /></bpmndi:BPMNShape>',
      );
      const inPool = refused(await validateModel(secondStart(pooled))).problems;
      expect(inPool).toContainEqual(
        expect.objectContaining({ rule: 'single-blank-start-event', elementId: 'Pool', line: 15 }),
      );
      // Without a pool the process is the diagram's root, marked by its own id.
      expect(refused(await validateModel(secondStart(HELLO))).problems).toContainEqual(
        expect.objectContaining({ rule: 'single-blank-start-event', elementId: 'hello' }),
      );
      for (const problem of inPool) {
        expect(problem).toEqual(
          expect.objectContaining({
            code: 'LINT',
            rule: expect.any(String),
            elementId: expect.any(String),
          }),
        );
      }
    });

    it('refuses an element without an id, which no finding could name, at its process', async () => {
      const xml = variant(
        HELLO,
        '<bpmn:endEvent id="EndEvent_Salutato"',
        '<bpmn:task name="Senza id" />\n    <bpmn:endEvent id="EndEvent_Salutato"',
      );

      expect(refused(await validateModel(xml)).problems).toEqual([
        expect.objectContaining({
          code: 'MODEL_INVALID',
          message: expect.stringMatching(/^Un elemento Task «Senza id» non ha un identificativo/),
          elementId: 'hello',
          line: 14,
        }),
      ]);
    });
  });

  describe("the BPMN reader's findings", () => {
    it('refuses a duplicated id, at the second element', async () => {
      const xml = variant(HELLO, 'id="Task_Verifica"', 'id="Task_Saluto"');

      expect(refused(await validateModel(xml)).problems[0]).toEqual(
        expect.objectContaining({
          code: 'MODEL_INVALID',
          elementId: 'Task_Saluto',
          line: 25,
          column: 5,
        }),
      );
    });

    it('refuses an element BPMN does not define', async () => {
      const xml = variant(
        HELLO,
        '<bpmn:endEvent id',
        '<bpmn:magicTask id="Magic" />\n    <bpmn:endEvent id',
      );

      expect(refused(await validateModel(xml)).problems).toEqual([
        expect.objectContaining({
          code: 'MODEL_INVALID',
          message: expect.stringContaining('<bpmn:magicTask>'),
          line: 34,
          column: 5,
        }),
      ]);
    });
  });
});
