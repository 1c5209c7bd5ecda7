import { parse } from 'yaml';
import { z } from 'zod';

/**
 * The curated facts behind the `reference` rule (config/check-references.yaml): superseded
 * regulations, documents whose titles carry fixed years, and phrases tied to an earlier period.
 * Parsed here, read from disk by an adapter (src/store/check-references.ts).
 */
const source = z.string().min(4);
const year = z.number().int().min(1990).max(2100);

const schema = z.object({
  superseded: z
    .array(z.object({ old: z.string().min(2), new: z.string().min(2), since: year, source }))
    .default([]),
  documents: z
    .array(z.object({ title: z.string().min(2), from: year, to: year, source }))
    .default([]),
  stale: z
    .array(
      z.object({
        phrases: z.array(z.string().min(2)).min(1),
        until: year,
        instead: z.string().min(2),
        source,
      }),
    )
    .default([]),
});

export type CheckReferences = z.infer<typeof schema>;

export const NO_REFERENCES: CheckReferences = { superseded: [], documents: [], stale: [] };

/** Parses the YAML text; throws an Error naming the file and the bad entries. */
export function parseCheckReferences(text: string, fileName: string): CheckReferences {
  const result = schema.safeParse(parse(text));
  if (!result.success) {
    const where = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`${fileName}: ${where}`);
  }
  return result.data;
}
