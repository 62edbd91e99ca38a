import type { ModdleElement } from 'bpmn-moddle';
import { Linter, type LintReport } from 'bpmnlint';
import NodeResolver from 'bpmnlint/lib/resolver/node-resolver';
import { LINT_CONFIG, LINT_RULE_TEXT_IT } from './lint-config';
import type { ValidationProblem, ValidationWarning } from './validation-result';
import type { XmlPositions } from './xml-positions';

export interface LintOutcome {
  problems: ValidationProblem[];
  warnings: ValidationWarning[];
}

/**
 * Rules resolve through this module's own `require`, not bpmnlint's default
 * (relative to `process.cwd()`), so they are found whatever directory the
 * service starts from (and, under Jest, go through its transforms). Node
 * caches the rule modules: only the first lint in a process pays for loading
 * them (~100 ms).
 */
const resolver = new NodeResolver({ require });

/**
 * A new Linter for every model: a Linter instantiates each rule once and
 * reuses it, and some rules keep state between runs (`no-duplicate-sequence-
 * flows` remembers every flow it has seen, so a reused Linter reports the
 * second model's flows as duplicates of the first's).
 */
function createLinter(): Linter {
  return new Linter({ config: LINT_CONFIG, resolver });
}

/** Lints the model with {@link LINT_CONFIG}; see there for what blocks and what warns. */
export async function lintModel(
  definitions: ModdleElement,
  elementsById: Record<string, ModdleElement>,
  positions: XmlPositions,
): Promise<LintOutcome> {
  const results = await createLinter().lint(definitions);
  const outcome: LintOutcome = { problems: [], warnings: [] };
  for (const [rule, reports] of Object.entries(results)) {
    for (const report of reports) {
      const located = {
        rule,
        detail: report.message,
        elementId: report.id,
        ...(report.id ? positions.ofElementId(report.id) : undefined),
      };
      if (report.category === 'rule-error') {
        outcome.problems.push({
          code: 'LINT_RULE_FAILED',
          message: `Il controllo «${rule}» si è interrotto su questo modello, che quindi non è stato verificato del tutto: segnala il problema a chi gestisce Percorsi.`,
          ...located,
        });
      } else if (report.category === 'error') {
        outcome.problems.push({
          code: 'LINT',
          message: describe(rule, report, elementsById),
          ...located,
        });
      } else {
        outcome.warnings.push({
          code: 'LINT',
          message: describe(rule, report, elementsById),
          ...located,
        });
      }
    }
  }
  return outcome;
}

function describe(
  rule: string,
  report: LintReport,
  elementsById: Record<string, ModdleElement>,
): string {
  const text = LINT_RULE_TEXT_IT[rule] ?? `l'elemento non rispetta la regola «${rule}»`;
  const element = report.id ? elementsById[report.id] : undefined;
  const name = typeof element?.name === 'string' ? element.name.trim() : '';
  const subject = report.id ? (name ? `«${name}» (${report.id})` : `«${report.id}»`) : 'Il modello';
  return `${subject}: ${text}.`;
}
