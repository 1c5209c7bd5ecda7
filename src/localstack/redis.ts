import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger.js';
import { ChildServer } from './child.js';
import type { EmbeddedServer } from './ferretdb.js';
import { preferredPort } from './ports.js';
import { redisServerBinary } from './tools.js';

/** Debian's redis-server on loopback with an append-only file under `dataDir`. */
export async function startRedis(
  dataDir: string,
  log: Logger,
  port?: number,
): Promise<EmbeddedServer> {
  const dir = path.resolve(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const chosen = port ?? (await preferredPort(6379));
  const server = new ChildServer(
    {
      name: 'redis-server',
      command: redisServerBinary(),
      args: [
        '--port',
        String(chosen),
        '--bind',
        '127.0.0.1',
        '--protected-mode',
        'yes',
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--daemonize',
        'no',
        '--save',
        '',
        '--loglevel',
        'warning',
      ],
      port: chosen,
    },
    log,
  );
  await server.start();
  return { url: `redis://127.0.0.1:${chosen}`, port: chosen, server };
}
