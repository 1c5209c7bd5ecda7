import { referenceDataTexts } from './texts/reference-data.js';

/**
 * The curated facts behind the `reference` rule (config/check-references.yaml): superseded
 * regulations, documents whose titles carry fixed years, and phrases tied to an earlier period.
 * Validated here; read and parsed from disk by an adapter (src/store/check-references.ts).
 * Validated by hand rather than with zod, and without importing the YAML parser: `report-bot
 * check` must start fast, and either import alone costs more than a whole check.
 */
export interface SupersededEntry {
  readonly old: string;
  readonly new: string;
  readonly since: number;
  readonly source: string;
}

export interface DocumentEntry {
  readonly title: string;
  readonly from: number;
  readonly to: number;
  readonly source: string;
}

export interface StaleEntry {
  readonly phrases: readonly string[];
  readonly until: number;
  readonly instead: string;
  readonly source: string;
}

export interface CheckReferences {
  readonly superseded: readonly SupersededEntry[];
  readonly documents: readonly DocumentEntry[];
  readonly stale: readonly StaleEntry[];
}

export const NO_REFERENCES: CheckReferences = { superseded: [], documents: [], stale: [] };

type Raw = Record<string, unknown>;

class Fields {
  readonly problems: string[] = [];
  readonly #where: string;
  readonly #raw: Raw;

  constructor(where: string, raw: Raw) {
    this.#where = where;
    this.#raw = raw;
  }
  text(key: string, min = 2): string {
    const v = this.#raw[key];
    if (typeof v === 'string' && v.trim().length >= min) return v.trim();
    this.problems.push(referenceDataTexts.textExpected(`${this.#where}.${key}`, min));
    return '';
  }
  year(key: string): number {
    const v = this.#raw[key];
    if (typeof v === 'number' && Number.isInteger(v) && v >= 1990 && v <= 2100) return v;
    this.problems.push(referenceDataTexts.yearExpected(`${this.#where}.${key}`));
    return 0;
  }
  texts(key: string): string[] {
    const v = this.#raw[key];
    if (
      Array.isArray(v) &&
      v.length > 0 &&
      v.every((x) => typeof x === 'string' && x.length >= 2)
    ) {
      return v as string[];
    }
    this.problems.push(referenceDataTexts.phrasesExpected(`${this.#where}.${key}`));
    return [];
  }
}

function entries(doc: Raw, key: string, problems: string[]): Raw[] {
  const v = doc[key];
  if (v === undefined || v === null) return [];
  if (Array.isArray(v) && v.every((x) => x !== null && typeof x === 'object')) return v as Raw[];
  problems.push(referenceDataTexts.entriesExpected(key));
  return [];
}

/** Checks the parsed file; throws an Error naming the file and every bad entry. */
export function validateCheckReferences(doc: unknown, fileName: string): CheckReferences {
  if (doc === null || typeof doc !== 'object') throw new Error(referenceDataTexts.empty(fileName));
  const problems: string[] = [];
  const each = <T>(key: string, read: (f: Fields) => T): T[] =>
    entries(doc as Raw, key, problems).map((raw, i) => {
      const f = new Fields(`${key}[${i}]`, raw);
      const value = read(f);
      problems.push(...f.problems);
      return value;
    });
  const data: CheckReferences = {
    superseded: each('superseded', (f) => ({
      old: f.text('old'),
      new: f.text('new'),
      since: f.year('since'),
      source: f.text('source', 4),
    })),
    documents: each('documents', (f) => ({
      title: f.text('title'),
      from: f.year('from'),
      to: f.year('to'),
      source: f.text('source', 4),
    })),
    stale: each('stale', (f) => ({
      phrases: f.texts('phrases'),
      until: f.year('until'),
      instead: f.text('instead'),
      source: f.text('source', 4),
    })),
  };
  if (problems.length > 0) throw new Error(`${fileName}: ${problems.join('; ')}`);
  return data;
}
