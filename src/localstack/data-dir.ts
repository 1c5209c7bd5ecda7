import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Makes DATA_DIR private to the bot's user: the folder tree 0700, every file 0600 (existing ones
 * included, from versions that left them 0644), and the process umask 077 so that whatever the
 * bot or its embedded servers create later is private too (children inherit the umask).
 */
export function secureDataDir(dataDir: string): string {
  const root = path.resolve(dataDir);
  process.umask(0o077);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  tighten(root);
  return root;
}

function tighten(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    const stat = lstatSync(full);
    if (stat.isSymbolicLink()) continue;
    if (stat.isDirectory()) tighten(full);
    else if (stat.isFile()) chmodSync(full, 0o600);
  }
}

/** Unix socket paths are limited to 107 bytes; leave room for the longest name we use. */
const SOCKET_DIR_MAX_BYTES = 90;

/**
 * The folder for the embedded servers' Unix sockets: `DATA_DIR/run`, or, when that path is too
 * long for a socket address, a fresh private folder under the system temp dir.
 */
export function socketDir(dataDir: string): string {
  const preferred = path.resolve(dataDir, 'run');
  if (Buffer.byteLength(preferred) <= SOCKET_DIR_MAX_BYTES) {
    mkdirSync(preferred, { recursive: true, mode: 0o700 });
    chmodSync(preferred, 0o700);
    return preferred;
  }
  return mkdtempSync(path.join(os.tmpdir(), 'report-bot-'));
}
