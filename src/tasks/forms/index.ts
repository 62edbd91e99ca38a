export { compileFormSchema } from './compile-form-schema.util';
export { FormSchemaError } from './form-schema.error';
export type * from './form-schema.types';
export { validateFormData } from './validate-form-data.util';
