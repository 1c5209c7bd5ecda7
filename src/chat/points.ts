/**
 * Splits a list answer into its points. People write lists as separate lines, as
 * `一是……二是……`, as `1.…2.…`, or with `；` between points; any of these works.
 */
export function splitPoints(text: string): string[] {
  const t = text.replace(/\r\n?/g, '\n').trim();
  if (t === '') return [];
  const enumerated = splitEnumerated(t);
  if (enumerated.length > 1) return enumerated;
  const lines = t.split('\n').map(clean).filter(Boolean);
  if (lines.length > 1) return lines;
  const numbered = t
    .split(/(?:^|(?<=[\s，,。；;]))(?:\d{1,2}[.、．)）]|[(（]\d{1,2}[)）])\s*/)
    .map(clean)
    .filter(Boolean);
  if (numbered.length > 1) return numbered;
  const bySemicolon = t.split(/[；;]/).map(clean).filter(Boolean);
  return bySemicolon.length > 1 ? bySemicolon : [clean(t)].filter(Boolean);
}

const ORDINAL = '[一二三四五六七八九十]{1,2}';

/** `一是…，二是…。三是…` → the points without their markers. */
function splitEnumerated(t: string): string[] {
  const marker = new RegExp(
    `(?:^|(?<=[\\s，,。；;：:]))(?:${ORDINAL}是|其${ORDINAL}[，,、是]?)`,
    'g',
  );
  const starts = [...t.matchAll(marker)].map((m) => ({ at: m.index, len: m[0].length }));
  if (starts.length < 2) return [];
  const points: string[] = [];
  const rawLead = t.slice(0, starts[0]?.at ?? 0).trim();
  // `主要有三点：一是…` — an introduction, not a point.
  const lead = /[：:]$/.test(rawLead) ? '' : clean(rawLead);
  starts.forEach((s, i) => {
    const end = starts[i + 1]?.at ?? t.length;
    points.push(clean(t.slice(s.at + s.len, end)));
  });
  const result = points.filter(Boolean);
  return lead ? [lead, ...result] : result;
}

/** Drops list markers and the punctuation that joined points. */
function clean(s: string): string {
  return s
    .trim()
    .replace(
      /^(?:[-*•·●▪]|\d{1,2}[.、．)）]|[(（]\d{1,2}[)）]|[一二三四五六七八九十]{1,2}、)\s*/,
      '',
    )
    .replace(/^[，,、：:\s]+|[，,；;、\s]+$/g, '')
    .replace(/[。.]$/, '')
    .trim();
}
