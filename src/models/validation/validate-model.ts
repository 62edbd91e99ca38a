import { checkModelSize } from './check-model-size';
import { diagramElementIds } from './diagram-element-ids';
import { findAnonymousElements } from './find-anonymous-elements';
import { findMarkupDeclaration } from './find-markup-declaration';
import { findProcesses } from './find-processes';
import { lintModel } from './lint-model';
import { readBpmn } from './read-bpmn';
import { scanXml } from './scan-xml';
import {
  DEFAULT_MAX_MODEL_BYTES,
  MAX_REPORTED_PROBLEMS,
  type RefusedModel,
  type ValidateModelOptions,
  type ValidationProblem,
  type ValidationResult,
  type ValidationWarning,
} from './validation-result';
import { XmlPositions } from './xml-positions';

/**
 * Decides whether an uploaded BPMN model may be stored and deployed. A model
 * is data an administrator uploads, never code: it is refused if it carries
 * scripts, JavaScript-style expressions or another engine's extensions.
 *
 * Steps, each run only if the previous one let the text through:
 * 1. size in UTF-8 bytes (before anything parses the text);
 * 2. DOCTYPE / ENTITY declarations (before anything parses the text);
 * 3. one SAX pass: well-formedness with line and column, root element, code;
 * 4. the BPMN reader (bpmn-moddle + Zeebe extension): its warnings block, and
 *    so does an element without an id (it could not be drawn nor named);
 * 5. executable processes, then bpmnlint (recommended + camunda-compat 8.5).
 * Steps 1–4 stop at their own findings; step 5 findings are reported
 * together so an administrator can fix them in one go, each naming the
 * element to mark on the diagram (a process in a pool: the pool).
 *
 * Never throws for bad input; throws only for a bad `maxBytes` or a non-string.
 */
export async function validateModel(
  xml: string,
  options: ValidateModelOptions = {},
): Promise<ValidationResult> {
  if (typeof xml !== 'string') {
    throw new TypeError('validateModel expects the model as a string');
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_MODEL_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) {
    throw new RangeError(`maxBytes must be a positive integer, got ${maxBytes}`);
  }

  const tooLarge = checkModelSize(xml, maxBytes);
  if (tooLarge) return refuse([tooLarge]);

  const positions = new XmlPositions(xml);
  const declaration = findMarkupDeclaration(xml, positions);
  if (declaration) return refuse([declaration]);

  const scan = scanXml(xml, positions);
  if (scan.fatal) return refuse([scan.fatal]);
  if (scan.forbidden.length) return refuse(scan.forbidden);

  const read = await readBpmn(xml, positions);
  if (!read.ok) return refuse([...scan.unsupported, ...read.problems]);
  if (read.problems.length) return refuse([...scan.unsupported, ...read.problems]);
  const anonymous = findAnonymousElements(read.definitions, positions);
  if (anonymous.length) return refuse([...scan.unsupported, ...anonymous]);

  const found = findProcesses(read.definitions, positions);
  const lint = await lintModel(read.definitions, read.elementsById, positions);
  // Findings name the element the client marks on the diagram.
  const onDiagram = diagramElementIds(read.definitions);
  const marked = <T extends { elementId?: string }>(issue: T): T =>
    issue.elementId ? { ...issue, elementId: onDiagram(issue.elementId) } : issue;
  const problems = [...scan.unsupported, ...found.problems, ...lint.problems].map(marked);
  const warnings = [...found.warnings, ...lint.warnings].map(marked);
  if (problems.length) return refuse(problems, warnings);

  return {
    ok: true,
    definitions: read.definitions,
    processes: found.processes,
    warnings: warnings.slice(0, MAX_REPORTED_PROBLEMS),
  };
}

function refuse(problems: ValidationProblem[], warnings: ValidationWarning[] = []): RefusedModel {
  return {
    ok: false,
    problems: problems.slice(0, MAX_REPORTED_PROBLEMS),
    warnings: warnings.slice(0, MAX_REPORTED_PROBLEMS),
  };
}
