import type { ModdleElement } from 'bpmn-moddle';

/**
 * Stable, English codes for programs and tests. People read `message` (Italian).
 */
export type ProblemCode =
  /** The file is larger than the limit (bytes, checked before parsing). */
  | 'TOO_LARGE'
  /** Elements nested deeper than any real model ({@link MAX_ELEMENT_DEPTH}). */
  | 'TOO_DEEP'
  /** `<!DOCTYPE`, `<!ENTITY` or any other markup declaration: never parsed, never expanded. */
  | 'DOCTYPE_NOT_ALLOWED'
  /** Not well-formed XML (line and column where the parser stopped). */
  | 'XML_MALFORMED'
  /** Well-formed XML whose root is not `bpmn:definitions`. */
  | 'NOT_BPMN'
  /** Code in the model: inline script bodies, script formats or expression languages other than FEEL. */
  | 'SCRIPT_NOT_ALLOWED'
  /** `${…}` / `#{…}` expressions or `javascript:` URLs in any attribute or text. */
  | 'JS_EXPRESSION_NOT_ALLOWED'
  /** Extensions of engines that run code (Camunda 7 `camunda:`, Activiti, Flowable, jBPM). */
  | 'FOREIGN_EXTENSION_NOT_ALLOWED'
  /** `zeebe:userTask` (Camunda user task): our tasklist reads job-based user tasks only. */
  | 'ZEEBE_USER_TASK_NOT_SUPPORTED'
  /** The BPMN reader's own findings: unknown elements, duplicate ids, dangling references… */
  | 'MODEL_INVALID'
  /** No process, or no process with `isExecutable="true"`. */
  | 'NO_EXECUTABLE_PROCESS'
  /** A bpmnlint rule reported the element (`rule` says which). */
  | 'LINT'
  /** A bpmnlint rule crashed on this model: it could not be checked, so it is refused. */
  | 'LINT_RULE_FAILED';

/** Codes that only ever appear among warnings. */
export type WarningCode = 'LINT' | 'PROCESS_NOT_EXECUTABLE';

export interface ValidationIssue<C extends string> {
  code: C;
  /** Italian, for the administrator who uploaded the model. */
  message: string;
  /** 1-based, counted in UTF-16 code units as JavaScript strings are. */
  line?: number;
  /** 1-based. */
  column?: number;
  /** The BPMN element concerned (or the nearest enclosing element that has an id). */
  elementId?: string;
  /** bpmnlint rule name, e.g. `label-required` or `camunda-compat/implementation`. */
  rule?: string;
  /** Technical detail in English as the underlying tool reported it, when there is one. */
  detail?: string;
}

export type ValidationProblem = ValidationIssue<ProblemCode>;
export type ValidationWarning = ValidationIssue<WarningCode>;

export interface DeployableProcess {
  /** The process id, which Zeebe calls `bpmnProcessId`. */
  bpmnProcessId: string;
  name: string | null;
}

export interface ValidModel {
  ok: true;
  /** The moddle root (`bpmn:Definitions`) read with the Zeebe extension. */
  definitions: ModdleElement;
  /** Executable processes only: what a deployment will create. */
  processes: DeployableProcess[];
  warnings: ValidationWarning[];
}

export interface RefusedModel {
  ok: false;
  problems: ValidationProblem[];
  /** Non-blocking findings gathered before the model was refused (may be empty). */
  warnings: ValidationWarning[];
}

export type ValidationResult = ValidModel | RefusedModel;

export interface ValidateModelOptions {
  /** Largest accepted file, in UTF-8 bytes. Default {@link DEFAULT_MAX_MODEL_BYTES}. */
  maxBytes?: number;
}

export const DEFAULT_MAX_MODEL_BYTES = 2 * 1024 * 1024;

/** Deeper nesting is refused: real models stay under ~20 levels; recursive tools (linters, exporters) might not survive thousands. */
export const MAX_ELEMENT_DEPTH = 200;

/** Problems beyond this many are dropped: a hostile file must not make a huge answer. */
export const MAX_REPORTED_PROBLEMS = 100;
