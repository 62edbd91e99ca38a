import { formIdOfKey } from './form-id.util';

describe('formIdOfKey', () => {
  it.each([
    ['adi-pad', 'adi-pad'],
    ['camunda-forms:bpmn:reviewForm', 'reviewForm'],
    ['percorsi:hello-verifica', 'percorsi:hello-verifica'],
  ])('%s → %s', (formKey, formId) => {
    expect(formIdOfKey(formKey)).toBe(formId);
  });
});
