import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  DEFAULT_OVERRIDES_FILE,
  NO_OVERRIDES,
  parseHolidayOverrides,
  type HolidayOverrides,
} from './holiday-overrides.js';

/**
 * Reads the overrides file. A missing file means no overrides; a bad one throws
 * `HolidayOverridesError` naming the file as given (so messages match what the admin typed).
 */
export async function loadHolidayOverrides(
  file: string = DEFAULT_OVERRIDES_FILE,
  cwd: string = process.cwd(),
): Promise<HolidayOverrides> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return NO_OVERRIDES;
    throw err;
  }
  return parseHolidayOverrides(text, file);
}
