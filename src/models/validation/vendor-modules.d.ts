// Types for the parts of bpmn-moddle, bpmnlint and saxen this folder uses.
// None of them ships types that resolve here: bpmn-moddle and saxen publish
// only an ESM `exports` map (moddle's own .d.ts points at files it does not
// ship), bpmnlint has a `lib/types.d.ts` but no entry typings. If another
// module needs them, move this file to a shared `src/types/`.

declare module 'bpmn-moddle' {
  /** A moddle element; read properties with `get` (it knows defaults and `$attrs`). */
  export interface ModdleElement {
    readonly $type: string;
    readonly $parent?: ModdleElement;
    /** Attributes in namespaces the model does not know, as written (decoded). */
    readonly $attrs: Record<string, string>;
    id?: string;
    name?: string;
    get(property: string): unknown;
    $instanceOf(type: string): boolean;
  }

  export interface ImportWarning {
    message: string;
    element?: ModdleElement;
    property?: string;
    value?: unknown;
    error?: Error;
  }

  export interface ParseResult {
    rootElement: ModdleElement;
    elementsById: Record<string, ModdleElement>;
    warnings: ImportWarning[];
  }

  /** `fromXML` rejects with an Error that carries the warnings seen so far. */
  export interface ParseError extends Error {
    warnings?: ImportWarning[];
  }

  export interface BpmnModdleInstance {
    fromXML(xml: string, typeName?: string): Promise<ParseResult>;
  }

  /** A factory (also usable with `new`) taking extension packages keyed by prefix. */
  export function BpmnModdle(
    packages?: Record<string, object>,
    options?: Record<string, unknown>,
  ): BpmnModdleInstance;
}

declare module 'bpmnlint' {
  import type { ModdleElement } from 'bpmn-moddle';

  /** `rule-error`: the rule threw; bpmnlint logs it and reports this instead. */
  export type ReportCategory = 'warn' | 'error' | 'info' | 'rule-error';

  export interface LintReport {
    id?: string;
    message: string;
    path?: Array<string | number>;
    category: ReportCategory;
    meta?: { documentation?: { url?: string } };
  }

  /** Keyed by rule name as configured (`label-required`, `camunda-compat/feel`). */
  export type LintResults = Record<string, LintReport[]>;

  export type RuleSeverity = 'off' | 'warn' | 'error' | 'info' | 0 | 1 | 2 | 3;
  export type RuleConfig = RuleSeverity | [RuleSeverity, Record<string, unknown>?];

  export interface LintConfig {
    extends?: string | string[];
    rules?: Record<string, RuleConfig>;
  }

  export interface Resolver {
    resolveRule(pkg: string, ruleName: string): unknown;
    resolveConfig(pkg: string, configName: string): unknown;
  }

  export class Linter {
    constructor(options: { config?: LintConfig; resolver: Resolver });
    lint(moddleRoot: ModdleElement, config?: LintConfig): Promise<LintResults>;
  }
}

declare module 'bpmnlint/lib/resolver/node-resolver' {
  import type { Resolver } from 'bpmnlint';

  /** Resolves rules and configs with Node's `require` (default: relative to `process.cwd()`). */
  class NodeResolver implements Resolver {
    constructor(options?: { require?: NodeJS.Require; requireLocal?: NodeJS.Require });
    resolveRule(pkg: string, ruleName: string): unknown;
    resolveConfig(pkg: string, configName: string): unknown;
  }

  export = NodeResolver;
}

declare module 'saxen' {
  /** 0-based line and column of the parser's current position. */
  export interface ParseContext {
    line: number;
    column: number;
    data: string;
  }

  export type GetContext = () => ParseContext;
  export type Decode = (text: string) => string;

  /** What `openTag` / `closeTag` receive in proxy mode. */
  export interface ElementProxy {
    /** Namespace-normalised, e.g. `bpmn:scriptTask` whatever prefix the file used. */
    readonly name: string;
    /** As written in the file. */
    readonly originalName: string;
    /** Raw (not decoded) attribute values keyed by namespace-normalised names. */
    readonly attrs: Record<string, string> | false;
  }

  export class Parser {
    constructor(options: { proxy: true });
    /** Normalise prefixes: `{ namespaceUri: prefix }`. */
    ns(uriToPrefix: Record<string, string>): this;
    on(
      event: 'openTag',
      cb: (
        element: ElementProxy,
        decode: Decode,
        selfClosing: boolean,
        getContext: GetContext,
      ) => void,
    ): this;
    on(
      event: 'closeTag',
      cb: (
        element: ElementProxy,
        decode: Decode,
        selfClosing: boolean,
        getContext: GetContext,
      ) => void,
    ): this;
    on(event: 'text', cb: (raw: string, decode: Decode, getContext: GetContext) => void): this;
    on(event: 'cdata', cb: (raw: string, getContext: GetContext) => void): this;
    on(event: 'comment', cb: (raw: string, decode: Decode, getContext: GetContext) => void): this;
    on(event: 'question', cb: (raw: string, getContext: GetContext) => void): this;
    on(event: 'attention', cb: (raw: string, decode: Decode, getContext: GetContext) => void): this;
    on(event: 'error' | 'warn', cb: (error: Error, getContext: GetContext) => void): this;
    parse(xml: string): Error | null;
    stop(): void;
  }
}
