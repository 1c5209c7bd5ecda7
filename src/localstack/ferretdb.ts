import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger.js';
import { ChildServer } from './child.js';
import { preferredPort, type Endpoint } from './ports.js';
import { ferretdbBinary } from './tools.js';

export interface EmbeddedServer {
  /** What a client connects to: a URL, or for Redis on a socket, the socket's path. */
  readonly url: string;
  /** The loopback port, when it listens on TCP (tests and benches); absent on a socket. */
  readonly port?: number;
  readonly socket?: string;
  readonly server: ChildServer;
}

/** Where an embedded server listens: a loopback port (tests) or a Unix socket (the bot). */
export type Listen = { readonly port?: number } | { readonly socket: string };

/** The mongodb:// URL for a Unix socket: the driver takes the URL-encoded path as the host. */
export function mongoSocketUrl(socket: string): string {
  return `mongodb://${encodeURIComponent(socket)}/`;
}

/**
 * FerretDB with its SQLite backend, data under `dataDir`, listening on a Unix socket (no TCP
 * port at all) or, when asked, on a loopback port.
 */
export async function startFerretDB(
  dataDir: string,
  log: Logger,
  listen: Listen | number = {},
): Promise<EmbeddedServer> {
  const server = await ferretdbServer(dataDir, log, listen);
  await server.start();
  const endpoint = server.spec.endpoint;
  return 'socket' in endpoint
    ? { url: mongoSocketUrl(endpoint.socket), socket: endpoint.socket, server }
    : { url: `mongodb://127.0.0.1:${endpoint.port}/`, port: endpoint.port, server };
}

async function ferretdbServer(
  dataDir: string,
  log: Logger,
  listen: Listen | number,
): Promise<ChildServer> {
  if (!existsSync(ferretdbBinary)) {
    throw new Error(`FerretDB is not built at ${ferretdbBinary}; run "npm run setup" first`);
  }
  const dir = path.resolve(dataDir, 'ferretdb');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const where = typeof listen === 'number' ? { port: listen } : listen;
  const endpoint: Endpoint =
    'socket' in where
      ? { socket: where.socket }
      : { port: where.port ?? (await preferredPort(27017)) };
  const listenArgs =
    'socket' in endpoint
      ? ['--listen-addr=', `--listen-unix=${endpoint.socket}`]
      : [`--listen-addr=127.0.0.1:${endpoint.port}`];
  return new ChildServer(
    {
      name: 'ferretdb',
      command: ferretdbBinary,
      args: [
        '--handler=sqlite',
        `--sqlite-url=file:${dir}/`,
        `--state-dir=${dir}`,
        ...listenArgs,
        '--telemetry=disable',
        '--debug-addr=-',
        '--log-level=warn',
      ],
      endpoint,
    },
    log,
  );
}
