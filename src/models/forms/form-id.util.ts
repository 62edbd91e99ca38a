/** An embedded form's key in Zeebe (`camunda-forms:bpmn:<id>`) names the same form id here. */
const EMBEDDED_FORM_PREFIX = 'camunda-forms:bpmn:';

/**
 * The form id a user task's form reference names: `zeebe:formDefinition formId`
 * as it is, and `formKey` (job worker user tasks) without Zeebe's embedded-form
 * prefix. The tasklist finds the task's form by this id.
 */
export function formIdOfKey(formKey: string): string {
  return formKey.startsWith(EMBEDDED_FORM_PREFIX)
    ? formKey.slice(EMBEDDED_FORM_PREFIX.length)
    : formKey;
}
