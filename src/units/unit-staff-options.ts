import { DataSource } from 'typeorm';

/**
 * The unit's social workers as a form's choices: by account id where the path stores the case
 * manager's id, by username where the choice becomes a task's assignee.
 */
export function unitStaffOptions(
  dataSource: DataSource,
  unitCode: string,
  valueBy: 'id' | 'username',
): Promise<Array<{ value: string; label: string }>> {
  return dataSource.query(
    `SELECT ${valueBy === 'id' ? 'id' : 'username'} AS value, display_name AS label FROM account
      WHERE unit_code = $1 AND active AND role IN ('caseworker', 'coordinator') ORDER BY display_name`,
    [unitCode],
  );
}
