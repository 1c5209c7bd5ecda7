/**
 * The shape of a report template's YAML, as zod checks it. The rules zod cannot express live in
 * template-rules.ts; zod's own complaints are put into words in template-schema-issues.ts.
 */
import { z } from 'zod';

const text = z.string().trim().min(1);
const key = z.string().regex(/^[a-z][a-z0-9_]*$/);

const metricSchema = z.strictObject({
  key,
  name: text,
  unit: text,
  type: z.enum(['integer', 'percent', 'decimal']),
  min: z.number().optional(),
  max: z.number().optional(),
  phrase: text.optional(),
  zero: text.optional(),
});

const relationSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('lte'), left: key, right: key }),
  z.strictObject({ kind: z.literal('rate'), rate: key, numerator: key, denominator: key }),
]);

const questionSchema = z.strictObject({
  id: key,
  prompt: text,
  kind: z.enum(['text', 'list', 'number', 'yesno']),
  metric: key.optional(),
  optional: z.boolean().optional(),
  hint: text.optional(),
  numbered: z.boolean().optional(),
});

const sectionSchema = z.strictObject({
  id: z.string().regex(/^\d+(\.\d+)?$/),
  heading: text,
  short: z.string().trim().min(2).max(10).optional(),
  keywords: z.array(text).min(1),
  questions: z.array(questionSchema).min(1).max(8),
  metrics: z.array(metricSchema).default([]),
  relations: z.array(relationSchema).default([]),
  suggestedLength: z
    .strictObject({ min: z.number().int().positive(), max: z.number().int().positive() })
    .optional(),
  example: text.optional(),
});

const partSchema = z.strictObject({
  no: z.number().int().min(0),
  role: z.enum(['opening', 'measures', 'shortcomings', 'first_responsible', 'plans', 'other']),
  heading: text,
  sections: z.array(sectionSchema).min(1),
});

export const templateSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  version: z.number().int().min(1),
  name: text,
  orgKind: z.enum(['township', 'department', 'county']),
  titlePattern: text,
  joint: z.boolean(),
  addresseePattern: z.string(),
  parts: z.array(partSchema).min(1),
});

export type TemplateInput = z.infer<typeof templateSchema>;

export type SectionInput = TemplateInput['parts'][number]['sections'][number];
