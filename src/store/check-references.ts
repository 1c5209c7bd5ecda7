import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCheckReferences, type CheckReferences } from '../report/check/reference-data.js';

/** config/check-references.yaml, found from this file so it works from src/ and from dist/. */
export const CHECK_REFERENCES_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'config',
  'check-references.yaml',
);

let cached: CheckReferences | undefined;

/** The curated reference data, read once per process. */
export function loadCheckReferences(file = CHECK_REFERENCES_FILE): CheckReferences {
  if (file === CHECK_REFERENCES_FILE && cached) return cached;
  const data = parseCheckReferences(readFileSync(file, 'utf8'), path.basename(file));
  if (file === CHECK_REFERENCES_FILE) cached = data;
  return data;
}
