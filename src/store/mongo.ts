import mongoose, { type Connection } from 'mongoose';

/** A dedicated connection (not mongoose's global one), so tests and tools can hold several. */
export async function connectMongo(uri: string, dbName?: string): Promise<Connection> {
  const conn = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: 10_000,
    // FerretDB v1 has no retryable writes (no replica set); real MongoDB does not need them here.
    retryWrites: false,
    autoIndex: true,
    ...(dbName ? { dbName } : {}),
  });
  await conn.asPromise();
  return conn;
}

export async function pingMongo(conn: Connection, timeoutMs = 1_000): Promise<boolean> {
  if (conn.readyState !== mongoose.ConnectionStates.connected || !conn.db) return false;
  return withTimeout(
    conn.db
      .admin()
      .command({ ping: 1 })
      .then((r) => r.ok === 1),
    timeoutMs,
  );
}

export function withTimeout(p: Promise<boolean>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    p.then(
      (v) => resolve(v),
      () => resolve(false),
    ).finally(() => clearTimeout(timer));
  });
}
