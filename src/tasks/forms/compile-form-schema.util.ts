import { isPlainObject } from './data-path.util';
import { parseDecimal } from './decimal.util';
import { FormSchemaError } from './form-schema.error';
import type { FormComponent, FormSchema } from './form-schema.types';
import { feelSyntaxError, isFeelExpression } from './form-feel';

/**
 * Reads a form-js schema into the tree the validator walks, refusing what it cannot check.
 * Mirrors form-js-viewer 1.23 (`dist/index.es.js`): the field types and their `keyed` /
 * `pathed` / `repeatable` configs (`Textfield.config`…), the binding paths of `FieldFactory`
 * and `PathRegistry` (a key is split at dots; a group's `path` prefixes its children's keys; a
 * dynamic list's rows are objects under its `path`; two fields cannot bind the same path), and
 * the option sources of `getOptionsSource` / `normalizeOptionsData`.
 */

export type InputType =
  | 'textfield'
  | 'textarea'
  | 'number'
  | 'datetime'
  | 'checkbox'
  | 'checklist'
  | 'radio'
  | 'select'
  | 'taglist';

export type OptionsSource =
  | { kind: 'static'; values: readonly unknown[] }
  | { kind: 'input'; variable: string }
  | { kind: 'expression' };

export interface CompiledInput {
  kind: 'input';
  type: InputType;
  component: FormComponent;
  /** Binding path relative to its scope (the form, or a row of the nearest dynamic list). */
  path: readonly string[];
  options?: OptionsSource;
}

export interface CompiledGroup {
  kind: 'group';
  component: FormComponent;
  children: readonly CompiledNode[];
}

export interface CompiledList {
  kind: 'list';
  component: FormComponent;
  path: readonly string[];
  children: readonly CompiledNode[];
}

export type CompiledNode = CompiledInput | CompiledGroup | CompiledList;

/** The data a form accepts, to find keys it does not have. */
export type Shape =
  | { kind: 'object'; children: Map<string, Shape> }
  | { kind: 'leaf' }
  | { kind: 'list'; row: ObjectShape };
export type ObjectShape = Extract<Shape, { kind: 'object' }>;

export interface CompiledForm {
  readonly schema: FormSchema;
  readonly nodes: readonly CompiledNode[];
  readonly shape: ObjectShape;
}

const INPUT_TYPES: ReadonlySet<string> = new Set<InputType>([
  'textfield',
  'textarea',
  'number',
  'datetime',
  'checkbox',
  'checklist',
  'radio',
  'select',
  'taglist',
]);
const SELECTION_TYPES: ReadonlySet<string> = new Set(['checklist', 'radio', 'select', 'taglist']);
/** Shown, never submitted (form-js `keyed: false`, not pathed). */
const DISPLAY_TYPES: ReadonlySet<string> = new Set([
  'text',
  'html',
  'image',
  'spacer',
  'separator',
  'button',
  'iframe',
  'table',
  'documentPreview',
]);
const UNSUPPORTED_TYPES: Record<string, string> = {
  expression:
    'i campi calcolati (expression) non sono verificati dal server: calcolare il valore nel processo',
  filepicker: 'il caricamento di file (filepicker) non passa da questo modulo',
};
const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor']);

const cache = new WeakMap<object, CompiledForm>();

/**
 * Compiles (once per schema object: treat schemas as immutable) or throws FormSchemaError
 * listing every problem. Also the check to run when an administrator deploys a form.
 */
export function compileFormSchema(schema: unknown): CompiledForm {
  if (isPlainObject(schema)) {
    const cached = cache.get(schema);
    if (cached) return cached;
  }
  const compiler = new SchemaCompiler();
  const compiled = compiler.compile(schema);
  if (compiler.problems.length) throw new FormSchemaError(compiler.problems);
  cache.set(compiled.schema, compiled);
  return compiled;
}

class SchemaCompiler {
  readonly problems: string[] = [];
  private readonly ids = new Set<string>();

  compile(schema: unknown): CompiledForm {
    const shape: ObjectShape = { kind: 'object', children: new Map() };
    if (!isPlainObject(schema) || schema.type !== 'default' || !Array.isArray(schema.components)) {
      this.problems.push('Lo schema deve essere un oggetto con type "default" e components.');
      return { schema: schema as FormSchema, nodes: [], shape };
    }
    const nodes = this.components(schema.components, 'components', [], shape);
    return { schema: schema as FormSchema, nodes, shape };
  }

  /** `prefix`: binding path of the enclosing groups inside the current scope. */
  private components(
    components: unknown[],
    where: string,
    prefix: readonly string[],
    scope: ObjectShape,
  ): CompiledNode[] {
    const nodes: CompiledNode[] = [];
    components.forEach((component, index) => {
      const node = this.component(component, `${where}[${index}]`, prefix, scope);
      if (node) nodes.push(node);
    });
    return nodes;
  }

  private component(
    raw: unknown,
    where: string,
    prefix: readonly string[],
    scope: ObjectShape,
  ): CompiledNode | undefined {
    if (!isPlainObject(raw) || typeof raw.type !== 'string') {
      this.problems.push(`${where}: ogni componente deve essere un oggetto con un type.`);
      return undefined;
    }
    const component = raw as FormComponent;
    const name = describe(component, where);
    this.checkId(component, name);
    this.checkCommon(component, name);

    if (INPUT_TYPES.has(component.type)) return this.input(component, name, prefix, scope);
    if (component.type === 'group') return this.group(component, name, prefix, scope);
    if (component.type === 'dynamiclist') {
      if (component.isRepeating === false) return this.group(component, name, prefix, scope);
      return this.list(component, name, prefix, scope);
    }
    if (DISPLAY_TYPES.has(component.type)) return undefined;
    const reason = UNSUPPORTED_TYPES[component.type];
    this.problems.push(
      reason
        ? `${name}: ${reason}.`
        : `${name}: tipo di componente sconosciuto «${component.type}».`,
    );
    return undefined;
  }

  private input(
    component: FormComponent,
    name: string,
    prefix: readonly string[],
    scope: ObjectShape,
  ): CompiledInput | undefined {
    const key = this.path(component.key, name, 'key');
    if (!key) return undefined;
    const path = [...prefix, ...key];
    if (!claim(scope, path, { kind: 'leaf' })) {
      this.problems.push(`${name}: il percorso «${path.join('.')}» è già usato da un altro campo.`);
    }
    const type = component.type as InputType;
    this.checkValidate(component, name, type);
    if (type === 'datetime') this.checkDatetime(component, name);
    if (type === 'number') this.checkNumber(component, name);
    const options = SELECTION_TYPES.has(type) ? this.options(component, name) : undefined;
    return { kind: 'input', type, component, path, options };
  }

  private group(
    component: FormComponent,
    name: string,
    prefix: readonly string[],
    scope: ObjectShape,
  ): CompiledGroup {
    let path = prefix;
    if (component.path !== undefined && component.path !== '') {
      const own = this.path(component.path, name, 'path');
      if (own) {
        path = [...prefix, ...own];
        if (!claim(scope, path, { kind: 'object', children: new Map() })) {
          this.problems.push(`${name}: il percorso «${path.join('.')}» è già usato da un campo.`);
        }
      }
    }
    const children = this.components(this.children(component, name), name, path, scope);
    return { kind: 'group', component, children };
  }

  private list(
    component: FormComponent,
    name: string,
    prefix: readonly string[],
    scope: ObjectShape,
  ): CompiledList | undefined {
    const own = this.path(component.path, name, 'path');
    const row: ObjectShape = { kind: 'object', children: new Map() };
    const children = this.components(this.children(component, name), name, [], row);
    if (!own) return undefined;
    const path = [...prefix, ...own];
    if (!claim(scope, path, { kind: 'list', row })) {
      this.problems.push(`${name}: il percorso «${path.join('.')}» è già usato da un altro campo.`);
    }
    return { kind: 'list', component, path, children };
  }

  private children(component: FormComponent, name: string): unknown[] {
    if (component.components === undefined) return [];
    if (Array.isArray(component.components)) return component.components;
    this.problems.push(`${name}: components deve essere un elenco.`);
    return [];
  }

  /** A key or path split at dots; every segment non-empty and harmless. */
  private path(value: unknown, name: string, property: 'key' | 'path'): string[] | undefined {
    if (typeof value !== 'string' || value === '') {
      this.problems.push(`${name}: manca ${property}.`);
      return undefined;
    }
    const segments = value.split('.');
    if (segments.some((segment) => segment === '' || FORBIDDEN_SEGMENTS.has(segment))) {
      this.problems.push(`${name}: ${property} «${value}» non valido.`);
      return undefined;
    }
    return segments;
  }

  private checkId(component: FormComponent, name: string): void {
    if (component.id === undefined) return;
    if (typeof component.id !== 'string' || this.ids.has(component.id)) {
      this.problems.push(`${name}: id mancante o ripetuto.`);
    } else {
      this.ids.add(component.id);
    }
  }

  private checkCommon(component: FormComponent, name: string): void {
    const { conditional, readonly, disabled } = component;
    if (conditional !== undefined) {
      if (!isPlainObject(conditional)) {
        this.problems.push(`${name}: conditional deve essere un oggetto.`);
      } else if (conditional.hide !== undefined) {
        this.checkFeel(conditional.hide, name, 'conditional.hide', 'unaryTest');
      }
    }
    if (readonly !== undefined && typeof readonly !== 'boolean') {
      this.checkFeel(readonly, name, 'readonly', 'unaryTest');
    }
    if (disabled !== undefined && typeof disabled !== 'boolean') {
      this.problems.push(`${name}: disabled deve essere true o false.`);
    }
  }

  private checkFeel(
    value: unknown,
    name: string,
    property: string,
    kind: 'unaryTest' | 'expression',
  ): void {
    if (!isFeelExpression(value)) {
      // form-js ignores such a value silently; an administrator should know.
      this.problems.push(
        `${name}: ${property} deve essere un'espressione FEEL che inizia con "=".`,
      );
      return;
    }
    const error = feelSyntaxError(value, kind);
    if (error) this.problems.push(`${name}: ${property} non è FEEL valido (${error}).`);
  }

  private checkValidate(component: FormComponent, name: string, type: InputType): void {
    const { validate } = component;
    if (validate === undefined) return;
    if (!isPlainObject(validate)) {
      this.problems.push(`${name}: validate deve essere un oggetto.`);
      return;
    }
    if (validate.required !== undefined && typeof validate.required !== 'boolean') {
      this.problems.push(`${name}: validate.required deve essere true o false.`);
    }
    for (const property of ['min', 'max'] as const) {
      const value = validate[property];
      if (value === undefined) continue;
      if (isFeelExpression(value))
        this.checkFeel(value, name, `validate.${property}`, 'expression');
      else if (typeof value !== 'number' || !Number.isFinite(value)) {
        this.problems.push(`${name}: validate.${property} deve essere un numero.`);
      }
    }
    for (const property of ['minLength', 'maxLength'] as const) {
      const value = validate[property];
      if (value === undefined) continue;
      if (isFeelExpression(value))
        this.checkFeel(value, name, `validate.${property}`, 'expression');
      else if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        this.problems.push(`${name}: validate.${property} deve essere un intero non negativo.`);
      }
    }
    if (validate.pattern !== undefined) {
      try {
        if (typeof validate.pattern !== 'string') throw new TypeError();
        new RegExp(validate.pattern);
      } catch {
        this.problems.push(`${name}: validate.pattern non è un'espressione regolare valida.`);
      }
    }
    const validationType: unknown = validate.validationType;
    if (validationType !== undefined && !['', 'email', 'phone'].includes(String(validationType))) {
      this.problems.push(`${name}: validate.validationType deve essere "email" o "phone".`);
    }
    const textRules = ['minLength', 'maxLength', 'pattern', 'validationType'] as const;
    if (type !== 'textfield' && type !== 'textarea' && textRules.some((r) => validate[r])) {
      this.problems.push(
        `${name}: minLength, maxLength, pattern e validationType valgono solo per i testi.`,
      );
    }
    if (type !== 'number' && (validate.min !== undefined || validate.max !== undefined)) {
      this.problems.push(`${name}: min e max valgono solo per i numeri.`);
    }
  }

  private checkDatetime(component: FormComponent, name: string): void {
    const { subtype, timeSerializingFormat } = component;
    if (subtype !== undefined && !['date', 'time', 'datetime'].includes(subtype)) {
      this.problems.push(`${name}: subtype deve essere date, time o datetime.`);
    }
    const formats = ['utc_offset', 'utc_normalized', 'no_timezone'];
    if (timeSerializingFormat !== undefined && !formats.includes(timeSerializingFormat)) {
      this.problems.push(`${name}: timeSerializingFormat non riconosciuto.`);
    }
  }

  private checkNumber(component: FormComponent, name: string): void {
    const { decimalDigits, increment } = component;
    if (
      decimalDigits !== undefined &&
      (typeof decimalDigits !== 'number' || !Number.isInteger(decimalDigits) || decimalDigits < 0)
    ) {
      this.problems.push(`${name}: decimalDigits deve essere un intero non negativo.`);
    }
    if (increment !== undefined) {
      const step =
        typeof increment === 'number' || typeof increment === 'string'
          ? parseDecimal(increment)
          : undefined;
      if (!step || step.units <= 0n) {
        this.problems.push(`${name}: increment deve essere un numero positivo.`);
      }
    }
  }

  /** form-js `getOptionsSource`: `values`, else `valuesKey`, else `valuesExpression`. */
  private options(component: FormComponent, name: string): OptionsSource | undefined {
    const { values, valuesKey, valuesExpression } = component;
    const sources = [values, valuesKey, valuesExpression].filter((s) => s !== undefined);
    if (sources.length !== 1) {
      this.problems.push(
        `${name}: indicare le opzioni in uno solo tra values, valuesKey e valuesExpression.`,
      );
      return undefined;
    }
    if (values !== undefined) {
      if (!Array.isArray(values) || values.length === 0) {
        this.problems.push(`${name}: values deve essere un elenco non vuoto di opzioni.`);
        return undefined;
      }
      const normalised = normaliseOptions(values);
      if (normalised.length !== values.length) {
        this.problems.push(`${name}: ogni opzione deve avere un value (e un'etichetta).`);
      }
      const allowed = normalised.map((option) => option.value);
      if (new Set(allowed.map((value) => JSON.stringify(value))).size !== allowed.length) {
        this.problems.push(`${name}: due opzioni hanno lo stesso value.`);
      }
      return { kind: 'static', values: allowed };
    }
    if (valuesKey !== undefined) {
      if (typeof valuesKey !== 'string' || valuesKey === '') {
        this.problems.push(`${name}: valuesKey deve essere il nome di una variabile.`);
        return undefined;
      }
      return { kind: 'input', variable: valuesKey };
    }
    this.checkFeel(valuesExpression, name, 'valuesExpression', 'expression');
    return { kind: 'expression' };
  }
}

/**
 * form-js `normalizeOptionsData`: a primitive is its own label; an object needs a primitive
 * `value` (or a non-empty object) and, if it has one, a string label. Invalid options dropped.
 */
export function normaliseOptions(options: readonly unknown[]): { value: unknown }[] {
  const normalised: { value: unknown }[] = [];
  for (const option of options) {
    if (isAllowedPrimitive(option)) {
      normalised.push({ value: option });
    } else if (isPlainObject(option)) {
      const validLabel = typeof option.label === 'string' && option.label !== '';
      const value = option.value;
      const allowedObject = isPlainObject(value) && Object.keys(value).length > 0;
      if (isAllowedPrimitive(value) || (validLabel && allowedObject)) {
        normalised.push({ value });
      }
    }
  }
  return normalised;
}

function isAllowedPrimitive(value: unknown): boolean {
  if (!['number', 'string', 'boolean'].includes(typeof value)) return false;
  return Boolean(value) || value === 0 || value === false;
}

/**
 * Claims a binding path in the shape tree, as form-js's PathRegistry: a leaf or a list needs a
 * free path; a group's object path may be shared with other groups; no path may pass through
 * a leaf or a list. Returns false on a clash.
 */
function claim(root: ObjectShape, path: readonly string[], shape: Shape): boolean {
  let node: ObjectShape = root;
  for (const segment of path.slice(0, -1)) {
    const next = node.children.get(segment);
    if (!next) {
      const created: ObjectShape = { kind: 'object', children: new Map() };
      node.children.set(segment, created);
      node = created;
    } else if (next.kind === 'object') {
      node = next;
    } else {
      return false;
    }
  }
  const last = path[path.length - 1];
  const existing = node.children.get(last);
  if (shape.kind === 'object') {
    if (!existing) node.children.set(last, shape);
    return !existing || existing.kind === 'object';
  }
  if (existing) return false;
  node.children.set(last, shape);
  return true;
}

function describe(component: FormComponent, where: string): string {
  const label = [component.id, component.key, component.path].find((v) => typeof v === 'string');
  return typeof label === 'string'
    ? `Componente «${label}» (${component.type})`
    : `${where} (${component.type})`;
}
