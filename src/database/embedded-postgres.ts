import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeToOthers } from './data-dir';

/** Where the `pg` driver reaches the embedded server: a socket folder or a loopback port. */
export interface EmbeddedPostgresAddress {
  host: string;
  port: number;
}

// Unix socket paths longer than this fail to bind (sun_path is 108 bytes on Linux).
const MAX_SOCKET_PATH = 100;
const SOCKET_NAME = '.s.PGSQL.5432';

/**
 * PGlite (PostgreSQL compiled to WASM) served inside this process over the
 * PostgreSQL wire protocol, so the application uses the same `pg` driver and
 * TypeORM code path as with a real server. PGlite has a single session: the
 * client pool must hold exactly one connection.
 */
// PostgreSQL's default 128 MB of shared buffers would sit in WASM memory for good;
// the OS caches the data files anyway. 32 MB keeps an idle service near 250 MB RSS.
const PGLITE_OPTIONS = { postgresqlconf: ['shared_buffers=32MB'] };

export class EmbeddedPostgres {
  private db?: PGlite;
  private server?: PGLiteSocketServer;
  private lockFile?: string;

  constructor(private readonly dataDir: string) {}

  async start(): Promise<EmbeddedPostgresAddress> {
    const pgdata = join(this.dataDir, 'pgdata');
    const socketDir = join(this.dataDir, 'run');
    mkdirSync(pgdata, { recursive: true, mode: 0o700 });
    mkdirSync(socketDir, { recursive: true, mode: 0o700 });
    const socketPath = join(socketDir, SOCKET_NAME);
    const useSocket = socketPath.length <= MAX_SOCKET_PATH;
    this.acquireLock();
    if (useSocket) rmSync(socketPath, { force: true });

    await EmbeddedPostgres.initialise(pgdata);
    this.db = await PGlite.create(pgdata, PGLITE_OPTIONS);
    this.server = useSocket
      ? new PGLiteSocketServer({ db: this.db, path: socketPath })
      : new PGLiteSocketServer({ db: this.db, host: '127.0.0.1', port: 0 });
    await this.server.start();
    if (useSocket) return { host: socketDir, port: 5432 };
    const [host, port] = this.server.getServerConn().split(':');
    return { host, port: Number(port) };
  }

  /** Runs initdb in `pgdata` unless a cluster is there already. */
  static async initialise(pgdata: string): Promise<void> {
    if (existsSync(join(pgdata, 'PG_VERSION'))) return;
    mkdirSync(pgdata, { recursive: true, mode: 0o700 });
    await runInitdbApart(pgdata);
    closeToOthers(pgdata);
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
    await this.db?.close();
    this.db = undefined;
    if (this.lockFile) rmSync(this.lockFile, { force: true });
    this.lockFile = undefined;
    // The files PGlite made while running, closed as initdb's were.
    closeToOthers(this.dataDir);
  }

  /**
   * Two processes on one PGlite folder would corrupt it. A lock left by a
   * killed process names a pid that no longer runs, and is taken over.
   */
  private acquireLock(): void {
    const lock = join(this.dataDir, 'percorsi.lock');
    if (existsSync(lock)) {
      const pid = Number(readFileSync(lock, 'utf8'));
      if (pid !== process.pid && isRunning(pid)) {
        throw new Error(
          `another Percorsi process (pid ${pid}) is already using DATA_DIR ${this.dataDir}`,
        );
      }
    }
    writeFileSync(lock, String(process.pid));
    this.lockFile = lock;
  }
}

/**
 * initdb in a process of its own: one that ran it keeps ~75 MB more for its whole life
 * (measured on an idle service, with the PGlite that ran it closed, and as much when it ran
 * in a worker thread); a process's memory goes when it exits.
 */
function runInitdbApart(pgdata: string): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      // PGlite's file errors are Emscripten's, with an errno and no message.
      `const [pglite, pgdata, options] = process.argv.slice(1);
       require(pglite).PGlite.create(pgdata, JSON.parse(options)).then((db) => db.close(), (e) => {
         console.error(e instanceof Error ? e.message : \`\${e?.name ?? e} \${e?.errno ?? ''}\`);
         process.exit(1);
       });`,
      require.resolve('@electric-sql/pglite'),
      pgdata,
      JSON.stringify(PGLITE_OPTIONS),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(
            new Error(
              `initdb in ${pgdata} failed (exit ${code}): ${errors.trim()} (check that DATA_DIR can be written and has space)`,
            ),
          ),
    );
  });
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
