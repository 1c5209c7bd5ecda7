import { existsSync } from 'node:fs';
import { loadEnvFile } from 'node:process';

/**
 * Reads `./.env` into the environment when there is one, as the README promises: variables
 * already set in the environment win (Node's loader never overrides them). Test runs skip it, so
 * a developer's own `.env` cannot point the suite at their database.
 */
export function loadDotEnv(file = '.env'): void {
  if (process.env.VITEST || !existsSync(file)) return;
  loadEnvFile(file);
}
