import type { CheckReferences } from './reference-data.js';
import { excerpt } from './text.js';
import { referenceTexts } from './texts/reference.js';
import type { Finding, Rule } from './types.js';

/** `—` as written in titles, and the look-alikes people type: 2021-2025, 2021～2025, 2021至2025. */
const RANGE = /(\d{4})\s*年?\s*[—–\-－~～至到]+\s*(\d{4})/;

function superseded(line: string, n: number, data: CheckReferences, year?: number): Finding[] {
  const out: Finding[] = [];
  for (const e of data.superseded) {
    if (year !== undefined && year < e.since) continue;
    if (!line.includes(`《${e.old}》`)) continue;
    out.push({
      rule: 'reference',
      severity: 'error',
      message: referenceTexts.superseded(e.old, e.new, e.since),
      line: n,
    });
  }
  return out;
}

function documentYears(line: string, n: number, data: CheckReferences): Finding[] {
  const out: Finding[] = [];
  for (const m of line.matchAll(/《([^》]{2,60})》/g)) {
    const title = m[1] ?? '';
    const doc = data.documents.find((d) => title.startsWith(d.title));
    if (!doc) continue;
    const r = RANGE.exec(title.slice(doc.title.length));
    if (!r) continue;
    if (Number(r[1]) === doc.from && Number(r[2]) === doc.to) continue;
    out.push({
      rule: 'reference',
      severity: 'error',
      message: referenceTexts.documentYears(excerpt(m[0], 30), doc.title, doc.from, doc.to),
      line: n,
    });
  }
  return out;
}

function stale(line: string, n: number, data: CheckReferences, year?: number): Finding[] {
  if (year === undefined) return [];
  const out: Finding[] = [];
  for (const e of data.stale) {
    if (year <= e.until) continue;
    const hit = e.phrases.find((p) => line.includes(p));
    if (!hit) continue;
    out.push({
      rule: 'reference',
      severity: 'warning',
      message: referenceTexts.stalePhrase(year, hit, e.until, e.instead),
      line: n,
    });
  }
  return out;
}

export const reference: Rule = {
  id: 'reference',
  name: referenceTexts.name,
  description: referenceTexts.description,
  run({ report, year, options }) {
    const data = options.references;
    if (!data) return [];
    return report.lines.flatMap((line, i) => [
      ...superseded(line, i + 1, data, year),
      ...documentYears(line, i + 1, data),
      ...stale(line, i + 1, data, year),
    ]);
  },
};
