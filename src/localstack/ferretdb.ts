import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger.js';
import { ChildServer } from './child.js';
import { preferredPort } from './ports.js';
import { ferretdbBinary } from './tools.js';

export interface EmbeddedServer {
  readonly url: string;
  readonly port: number;
  readonly server: ChildServer;
}

/** FerretDB with its SQLite backend, listening on loopback only, data under `dataDir`. */
export async function startFerretDB(
  dataDir: string,
  log: Logger,
  port?: number,
): Promise<EmbeddedServer> {
  if (!existsSync(ferretdbBinary)) {
    throw new Error(`FerretDB is not built at ${ferretdbBinary}; run "npm run setup" first`);
  }
  const dir = path.resolve(dataDir, 'ferretdb');
  mkdirSync(dir, { recursive: true });
  const chosen = port ?? (await preferredPort(27017));
  const server = new ChildServer(
    {
      name: 'ferretdb',
      command: ferretdbBinary,
      args: [
        '--handler=sqlite',
        `--sqlite-url=file:${dir}/`,
        `--state-dir=${dir}`,
        `--listen-addr=127.0.0.1:${chosen}`,
        '--telemetry=disable',
        '--debug-addr=-',
        '--log-level=warn',
      ],
      port: chosen,
    },
    log,
  );
  await server.start();
  return { url: `mongodb://127.0.0.1:${chosen}/`, port: chosen, server };
}
