import { DataSource } from 'typeorm';
import { APPEND_ONLY_TABLES } from './append-only';

/**
 * The PostgreSQL role the service runs as, apart from the one that owns the tables: it reads
 * and writes rows, but cannot TRUNCATE, ALTER (so cannot disable the append-only triggers),
 * create or drop anything, and is no superuser. The owner (who ran the migrations) keeps all
 * of that. Append-only tables get SELECT and INSERT only; the access log DELETE too, which its
 * trigger allows only for the administrator's logged purge of entries past 24 months.
 */
export async function grantRuntimeRole(
  owner: DataSource,
  role: string,
  password: string,
): Promise<void> {
  const name = quoteIdentifier(role);
  const secret = quoteLiteral(password);
  const [database] = await owner.query(`SELECT current_database() AS name`);
  await owner.transaction(async (manager) => {
    const [exists] = await manager.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role]);
    const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${secret}`;
    await manager.query(`${exists ? 'ALTER' : 'CREATE'} ROLE ${name} WITH ${attributes}`);
    const statements = [
      `GRANT CONNECT ON DATABASE ${quoteIdentifier(database.name)} TO ${name}`,
      `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${name}`,
      `REVOKE CREATE ON SCHEMA public FROM ${name}`,
      `GRANT USAGE ON SCHEMA public TO ${name}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${name}`,
      ...APPEND_ONLY_TABLES.map((table) => `REVOKE UPDATE, DELETE ON ${table} FROM ${name}`),
      `GRANT DELETE ON access_log TO ${name}`,
      `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${name}`,
    ];
    for (const statement of statements) await manager.query(statement);
  });
}

function quoteIdentifier(value: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(value)) {
    throw new Error(`${value}: a role name is lower-case letters, digits and _ (at most 63)`);
  }
  return `"${value}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
