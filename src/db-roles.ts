import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './database/data-source-options';
import { entities } from './database/entities';
import { grantRuntimeRole } from './database/runtime-role';

/**
 * `npm run db:roles`: with DATABASE_URL the owner's connection (who creates the tables), runs
 * the migrations and creates or updates the role the service then runs as
 * (DATABASE_RUNTIME_ROLE, default percorsi_app, password DATABASE_RUNTIME_PASSWORD).
 */
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const role = process.env.DATABASE_RUNTIME_ROLE ?? 'percorsi_app';
  const password = process.env.DATABASE_RUNTIME_PASSWORD;
  if (!url)
    throw new Error('DATABASE_URL must be the owner’s connection to the PostgreSQL database');
  if (!password || password.length < 16) {
    throw new Error('DATABASE_RUNTIME_PASSWORD must be set, at least 16 characters long');
  }
  const owner = new DataSource(dataSourceOptions({ url }, entities));
  await owner.initialize();
  try {
    await grantRuntimeRole(owner, role, password);
  } finally {
    await owner.destroy();
  }
  const runtime = new URL(url);
  runtime.username = role;
  runtime.password = '';
  console.log(
    `Role ${role} ready: start the service with DATABASE_URL=${runtime.toString().replace(`${role}@`, `${role}:<password>@`)}`,
  );
}

main().catch((error: unknown) => {
  console.error(`db:roles failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
