import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateCheckReferences, type CheckReferences } from '../report/check/reference-data.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** config/check-references.yaml, found from this file so it works from src/ and from dist/. */
export const CHECK_REFERENCES_FILE = path.join(root, 'config', 'check-references.yaml');

/**
 * The same data as JSON, written by the build (scripts/setup.sh) so that `report-bot check` need
 * not load the YAML parser; used only while it is at least as new as the YAML file.
 */
export const CHECK_REFERENCES_CACHE = path.join(root, 'dist', 'check-references.json');

let cached: CheckReferences | undefined;

function parseYaml(file: string): unknown {
  // Required lazily (synchronously) so that the cached path never pays for the parser.
  const { parse } = createRequire(import.meta.url)('yaml') as { parse: (s: string) => unknown };
  return parse(readFileSync(file, 'utf8'));
}

function cacheIsFresh(): boolean {
  return (
    existsSync(CHECK_REFERENCES_CACHE) &&
    statSync(CHECK_REFERENCES_CACHE).mtimeMs >= statSync(CHECK_REFERENCES_FILE).mtimeMs
  );
}

/** The curated reference data, read once per process. */
export function loadCheckReferences(file = CHECK_REFERENCES_FILE): CheckReferences {
  const name = path.basename(file);
  if (file !== CHECK_REFERENCES_FILE) return validateCheckReferences(parseYaml(file), name);
  if (cached) return cached;
  const doc: unknown = cacheIsFresh()
    ? JSON.parse(readFileSync(CHECK_REFERENCES_CACHE, 'utf8'))
    : parseYaml(file);
  cached = validateCheckReferences(doc, name);
  return cached;
}

/** Writes the JSON snapshot the loader prefers; run by the build after compiling to dist/. */
export function writeCheckReferencesCache(): void {
  const data = validateCheckReferences(parseYaml(CHECK_REFERENCES_FILE), 'check-references.yaml');
  writeFileSync(CHECK_REFERENCES_CACHE, JSON.stringify(data));
}
