import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mongoSocketUrl } from '../../src/localstack/ferretdb.js';
import { projectRoot } from '../../src/localstack/tools.js';

export interface BotProcess {
  readonly child: ChildProcess;
  readonly port: number;
  /** mongodb:// URL of the embedded FerretDB (on its Unix socket), without a database. */
  readonly mongoUrl: string;
  /** The embedded redis-server's Unix socket path (ioredis takes it as a URL). */
  readonly redisUrl: string;
  readonly lines: string[];
  /** Resolves with the exit code once the process has gone. */
  readonly exited: Promise<number | null>;
}

/**
 * Runs the real entry point (`src/server.ts`) as `npm start` would, on the embedded default, and
 * waits for the lines that say where everything listens.
 */
export async function startBotProcess(
  dataDir: string,
  extraEnv: Record<string, string> = {},
): Promise<BotProcess> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && k !== 'MONGODB_URI' && k !== 'REDIS_URL') env[k] = v;
  }
  Object.assign(
    env,
    { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    extraEnv,
  );
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const ports = await new Promise<{ port: number; mongoUrl: string; redisUrl: string }>(
    (resolve, reject) => {
      const found: Record<string, string> = {};
      const timer = setTimeout(
        () => reject(new Error(`bot did not start:\n${lines.join('\n')}`)),
        60_000,
      );
      const onLine = (line: string) => {
        lines.push(line);
        try {
          const entry = JSON.parse(line) as { msg?: string; port?: number; socket?: string };
          if (entry.msg?.includes('FerretDB')) found.mongoUrl = mongoSocketUrl(entry.socket!);
          if (entry.msg?.includes('redis-server')) found.redisUrl = entry.socket!;
          if (entry.msg?.includes('listening')) {
            clearTimeout(timer);
            resolve({
              port: entry.port!,
              mongoUrl: found.mongoUrl!,
              redisUrl: found.redisUrl!,
            });
          }
        } catch {
          // not a log line
        }
      };
      let buffered = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const parts = buffered.split('\n');
        buffered = parts.pop()!;
        parts.forEach(onLine);
      });
      child.stderr!.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`bot exited with ${code}:\n${lines.join('\n')}`));
      });
    },
  );
  return { child, lines, exited, ...ports };
}

/** Pids of the store servers (ferretdb, redis-server) whose parent is `pid`. */
export function storeChildPids(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([, comm]) => comm === 'ferretdb' || comm === 'redis-server')
      .map(([p]) => Number(p));
  } catch {
    return [];
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
