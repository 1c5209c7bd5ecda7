import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';

/** What signs and encrypts every callback and passive reply. */
export interface BotCredentials {
  readonly token: string;
  readonly encodingAesKey: string;
  readonly receiveId: string;
  /** True when generated for local use because the environment named none. */
  readonly development: boolean;
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomAlnum(length: number): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

export function devCredentialsPath(dataDir: string): string {
  return path.resolve(dataDir, 'dev-credentials.json');
}

/**
 * Credentials from the environment; outside production, when none are set, a pair generated once
 * and kept in DATA_DIR (mode 0600) so `npm start` works on a fresh machine and the simulator can
 * read the same pair.
 */
export function resolveBotCredentials(config: Config): BotCredentials {
  if (config.wecomBotToken && config.wecomBotEncodingAesKey) {
    return {
      token: config.wecomBotToken,
      encodingAesKey: config.wecomBotEncodingAesKey,
      receiveId: config.wecomBotReceiveId,
      development: false,
    };
  }
  const file = devCredentialsPath(config.dataDir);
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as {
      token: string;
      encodingAesKey: string;
    };
    return { ...saved, receiveId: config.wecomBotReceiveId, development: true };
  }
  const fresh = {
    token: config.wecomBotToken ?? randomAlnum(24),
    encodingAesKey: config.wecomBotEncodingAesKey ?? randomAlnum(43),
  };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(fresh, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return { ...fresh, receiveId: config.wecomBotReceiveId, development: true };
}
