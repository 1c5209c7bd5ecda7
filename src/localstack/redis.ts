import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger.js';
import { ChildServer } from './child.js';
import type { EmbeddedServer, Listen } from './ferretdb.js';
import { preferredPort, type Endpoint } from './ports.js';
import { redisServerBinary } from './tools.js';

/**
 * Debian's redis-server with an append-only file under `dataDir`, on a Unix socket readable by
 * this user only (`port 0`: no TCP listener) or, when asked, on a loopback port. ioredis takes
 * the socket's path where it takes a URL.
 */
export async function startRedis(
  dataDir: string,
  log: Logger,
  listen: Listen | number = {},
): Promise<EmbeddedServer> {
  const dir = path.resolve(dataDir, 'redis');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const where = typeof listen === 'number' ? { port: listen } : listen;
  const endpoint: Endpoint =
    'socket' in where
      ? { socket: where.socket }
      : { port: where.port ?? (await preferredPort(6379)) };
  // The bot's own server (on a socket) syncs every write: a msgid claim or a turn's owner lease
  // lost with the last second of a killed redis-server would let a re-sent callback run twice
  // at once. Tests and benches (on a port) keep the default once-a-second sync.
  const listenArgs =
    'socket' in endpoint
      ? ['--port', '0', '--unixsocket', endpoint.socket, '--unixsocketperm', '700']
      : ['--port', String(endpoint.port), '--bind', '127.0.0.1'];
  const fsync = 'socket' in endpoint ? 'always' : 'everysec';
  const server = new ChildServer(
    {
      name: 'redis-server',
      command: redisServerBinary(),
      args: [
        ...listenArgs,
        '--protected-mode',
        'yes',
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        fsync,
        '--daemonize',
        'no',
        '--save',
        '',
        '--loglevel',
        'warning',
      ],
      endpoint,
    },
    log,
  );
  await server.start();
  return 'socket' in endpoint
    ? { url: endpoint.socket, socket: endpoint.socket, server }
    : { url: `redis://127.0.0.1:${endpoint.port}`, port: endpoint.port, server };
}
