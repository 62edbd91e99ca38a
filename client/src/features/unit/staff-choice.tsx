import { loadSummary, StaffLoad, STAFF_ROLES } from './unit';

/**
 * The choice of a person of the unit, each with what they carry now (cases, open and late
 * tasks, deadlines at risk), so an assignment is an informed choice. Radio buttons in a
 * fieldset: the legend says what is chosen, each label says who and their load.
 */
export function StaffChoice({
  id,
  legend,
  staff,
  value,
  onChange,
  current,
  currentLabel,
  error,
}: {
  id: string;
  legend: string;
  staff: StaffLoad[];
  /** The chosen member's accountId. */
  value: string;
  onChange: (accountId: string) => void;
  /** Who holds it now (accountId): shown, not choosable. */
  current?: string | null;
  currentLabel?: string;
  error?: string | null;
}) {
  return (
    <fieldset
      className="staff-choice"
      aria-describedby={error ? `${id}-error` : undefined}
      data-testid="staff-choice"
    >
      <legend className="h6">{legend}</legend>
      {error && (
        <div id={`${id}-error`} className="invalid-feedback d-block mb-2" role="alert">
          {error}
        </div>
      )}
      {staff.map((member) => {
        const optionId = `${id}-${member.accountId}`;
        const isCurrent = member.accountId === current;
        return (
          <div className="form-check" key={member.accountId} data-member={member.displayName}>
            <input
              id={optionId}
              type="radio"
              name={id}
              value={member.accountId}
              checked={value === member.accountId}
              disabled={isCurrent}
              onChange={() => onChange(member.accountId)}
            />
            <label htmlFor={optionId}>
              <span className="fw-semibold">{member.displayName}</span>
              <span className="text-secondary">
                {' '}
                · {STAFF_ROLES[member.role]}
                {isCurrent ? ` · ${currentLabel ?? 'attuale'}` : ''}
              </span>
              <span className="d-block small" data-testid="load">
                {loadSummary(member)}
              </span>
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}
