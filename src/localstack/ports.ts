import net from 'node:net';

/** True when nothing listens on the loopback port yet. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port the kernel just handed out on loopback; free at the moment of return. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The standard port when it is free, otherwise any free one. */
export async function preferredPort(standard: number): Promise<number> {
  return (await isPortFree(standard)) ? standard : freePort();
}

/** Where an embedded server listens: a loopback TCP port, or a Unix socket file. */
export type Endpoint = { readonly port: number } | { readonly socket: string };

/** Resolves once a TCP connection to the port succeeds, or rejects after `timeoutMs`. */
export function waitForPort(port: number, timeoutMs: number, host = '127.0.0.1'): Promise<void> {
  return waitForEndpoint({ port }, timeoutMs, host);
}

/** Resolves once a connection to the endpoint succeeds, or rejects after `timeoutMs`. */
export async function waitForEndpoint(
  endpoint: Endpoint,
  timeoutMs: number,
  host = '127.0.0.1',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const where = 'socket' in endpoint ? endpoint.socket : `${host}:${endpoint.port}`;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket =
        'socket' in endpoint
          ? net.connect({ path: endpoint.socket })
          : net.connect({ port: endpoint.port, host });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline)
      throw new Error(`nothing answered on ${where} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
