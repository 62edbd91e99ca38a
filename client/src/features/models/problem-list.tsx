import { ModelIssue } from './models';

/** Where a finding is, in the file and on the diagram. */
function where(issue: ModelIssue): string {
  if (!issue.line) return '';
  return `riga ${issue.line}${issue.column ? `, colonna ${issue.column}` : ''}`;
}

/**
 * The validation's findings: each with its line and column and its message (which names the
 * element); one on a drawn element is a button that selects it on the diagram and scrolls it into view.
 */
export function ProblemList({
  title,
  issues,
  severity,
  canReveal,
  onReveal,
  highlighted,
}: {
  title: string;
  issues: ModelIssue[];
  severity: 'error' | 'warning';
  canReveal: (elementId: string) => boolean;
  onReveal: (elementId: string) => void;
  highlighted: string | null;
}) {
  if (issues.length === 0) return null;
  return (
    <div
      className={`callout ${severity === 'error' ? 'danger' : 'warning'} problem-list`}
      data-testid={`problemi-${severity}`}
    >
      <div className="callout-title">{title}</div>
      <ul className="mb-0">
        {issues.map((issue, index) => {
          const position = where(issue);
          const text = (
            <>
              {position && <span className="problem-where">{position}</span>}
              {position && ': '}
              {issue.message}
              {issue.rule && <span className="small text-secondary"> (regola {issue.rule})</span>}
            </>
          );
          return (
            <li
              key={`${issue.code}-${issue.elementId ?? ''}-${index}`}
              data-element={issue.elementId}
              className={highlighted && issue.elementId === highlighted ? 'is-highlighted' : ''}
            >
              {issue.elementId && canReveal(issue.elementId) ? (
                <button
                  type="button"
                  className="btn btn-link p-0 text-start align-baseline problem-link"
                  onClick={() => onReveal(issue.elementId!)}
                >
                  {text}
                </button>
              ) : (
                text
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
