/** `deployed_by` of what Percorsi deploys itself at start (the shipped paths and forms). */
export const SHIPPED_BY = 'percorsi';

/**
 * SQL for who deployed a model or a form, as a person reads it: "Percorsi"
 * for what ships with it, else the account's display name (its username
 * once the account is gone). The query joins `account <alias>` on the username.
 */
export function deployerNameSql(column: string, accountAlias = 'a'): string {
  return `CASE WHEN ${column} = '${SHIPPED_BY}' THEN 'Percorsi'
    ELSE COALESCE(${accountAlias}.display_name, ${column}) END`;
}
