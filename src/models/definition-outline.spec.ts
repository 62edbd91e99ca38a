import { readFileSync } from 'fs';
import { join } from 'path';
import { outlineBpmn } from './definition-outline';

const HELLO = readFileSync(join(__dirname, '../../bpmn/examples/hello.bpmn'), 'utf8');

describe('outlineBpmn', () => {
  it('reads element names and the forms user tasks link (formKey, formId, embedded key)', async () => {
    const outline = await outlineBpmn(
      HELLO.replace(
        '<bpmn:endEvent id="EndEvent_Salutato"',
        `<bpmn:userTask id="Task_Linked"><bpmn:extensionElements><zeebe:formDefinition formId="colloquio" /></bpmn:extensionElements></bpmn:userTask>
         <bpmn:userTask id="Task_Embedded" name=" Firma "><bpmn:extensionElements><zeebe:formDefinition formKey="camunda-forms:bpmn:firma" /></bpmn:extensionElements></bpmn:userTask>
         <bpmn:endEvent id="EndEvent_Salutato"`,
      ),
    );
    expect(outline.names.get('Task_Saluto')).toBe('Prepara il saluto');
    expect(outline.names.get('hello')).toBe('Saluto di prova');
    expect(outline.names.has('Task_Linked')).toBe(false);
    expect(outline.formLinks).toEqual([
      {
        elementId: 'Task_Verifica',
        elementName: 'Verifica il saluto',
        formId: 'percorsi:hello-verifica',
      },
      { elementId: 'Task_Linked', elementName: null, formId: 'colloquio' },
      { elementId: 'Task_Embedded', elementName: 'Firma', formId: 'firma' },
    ]);
  });
});
