import { Logger } from '@nestjs/common';
import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * DATA_DIR holds the embedded database's files, whose pages and WAL carry names and diary text
 * in the clear: they are the service account's alone. From here on what the process creates is
 * (umask 077), and what an earlier version or a copy left open to other users is closed at
 * start, with a warning naming it.
 */
export function prepareDataDir(dir: string, logger = new Logger('DataDir')): void {
  process.umask(0o077);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const closed = closeToOthers(dir);
  if (closed.count === 0) return;
  logger.warn(
    `DATA_DIR ${dir}: ${closed.count} files or folders could be read by other users (e.g. ${closed.first}, mode ${closed.mode}); they are now the owner's only`,
  );
}

/**
 * PGlite writes some files with mode 0666 whatever the umask (initdb's ~1,000 of them, a few
 * later ones): each is made the owner's only. The folder being 0700 already keeps others out.
 */
export function closeToOthers(dir: string): { count: number; first?: string; mode?: string } {
  const closed: { count: number; first?: string; mode?: string } = { count: 0 };
  const pending = [dir];
  while (pending.length > 0) {
    const path = pending.pop()!;
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat || stat.isSymbolicLink()) continue;
    if ((stat.mode & 0o077) !== 0) {
      closed.count++;
      closed.first ??= path;
      closed.mode ??= (stat.mode & 0o777).toString(8);
      chmodSync(path, stat.mode & 0o700);
    }
    if (stat.isDirectory()) for (const name of readdirSync(path)) pending.push(join(path, name));
  }
  return closed;
}
