/**
 * The kind of office a report is written by, and the words that differ with it. A 镇 has a 党委
 * and a 镇长, a 乡 a 党委 and a 乡长, a 街道 a 党工委 and a 办事处主任, a county department a 党组
 * and a 局长 (or 主任). Templates write these words as placeholders (`{party}`, `{head}`,
 * `{self}` …) and every view of a report reads its template through `wordTemplate`, so a 街道 is
 * never asked about 镇长 and a department never about 本镇.
 */
import type { OfficeKind, Report, Template } from './types.js';

export type { OfficeKind };

export const OFFICE_KINDS: readonly OfficeKind[] = ['town', 'xiang', 'subdistrict', 'department'];

/** What a user calls each kind, in the order `设置类型` offers them. */
export const OFFICE_KIND_NAMES: Readonly<Record<OfficeKind, string>> = {
  town: '镇',
  xiang: '乡',
  subdistrict: '街道',
  department: '县直部门',
};

/** The words a template's placeholders stand for, for one office. */
export interface OfficeWords {
  /** `{unit}`: 镇, 乡, 街道, 局 (委, 办 …): what follows 本/我/全. */
  readonly unit: string;
  /** `{self}`: 本镇, 本乡, 本街道, 本局. */
  readonly self: string;
  /** `{we}`: 我镇, 我乡, 我街道, 我局 — how a report names its own office. */
  readonly we: string;
  /** `{party}`: 党委, 党委, 党工委, 党组. */
  readonly party: string;
  /** `{secretary}`: 党委书记, 党工委书记, 党组书记. */
  readonly secretary: string;
  /** `{head}`: 镇长, 乡长, 办事处主任, 局长 (委/办: 主任). */
  readonly head: string;
  /** `{gov}`: 镇政府, 乡政府, 街道办事处, 本局 — the administrative body as a party to a case. */
  readonly gov: string;
}

/** The placeholders `wordTemplate` fills; any other `{…}` (`{n}`, `{org}`) is left alone. */
export const OFFICE_PLACEHOLDERS: readonly (keyof OfficeWords)[] = [
  'unit',
  'self',
  'we',
  'party',
  'secretary',
  'head',
  'gov',
];

/** 青石镇 → town, 石门乡 → xiang, 城关街道 → subdistrict, 县司法局 → department. */
export function officeKindOfName(name: string): OfficeKind | undefined {
  const n = name.trim();
  if (/(街道|街道办事处|街道办)$/.test(n)) return 'subdistrict';
  if (/镇$/.test(n)) return 'town';
  if (/乡$/.test(n)) return 'xiang';
  if (/(局|委|委员会|办|办公室)$/.test(n)) return 'department';
  return undefined;
}

/** The last word of a department's name that 本/我 combine with: 县司法局 → 局. */
function departmentUnit(name: string): string {
  const m = /(委员会|办公室|局|委|办|中心|院|所|站|队)$/.exec(name.trim());
  if (!m?.[1]) return '单位';
  return { 委员会: '委', 办公室: '办' }[m[1]] ?? m[1];
}

export function officeWords(kind: OfficeKind, orgName = ''): OfficeWords {
  switch (kind) {
    case 'town':
      return words('镇', '党委', '镇长', '镇政府');
    case 'xiang':
      return words('乡', '党委', '乡长', '乡政府');
    case 'subdistrict':
      return words('街道', '党工委', '办事处主任', '街道办事处');
    case 'department': {
      const unit = departmentUnit(orgName);
      const head = unit === '局' ? '局长' : unit === '单位' ? '主要负责人' : '主任';
      return words(unit, '党组', head, `本${unit}`);
    }
  }
}

function words(unit: string, party: string, head: string, gov: string): OfficeWords {
  return {
    unit,
    self: `本${unit}`,
    we: `我${unit}`,
    party,
    secretary: `${party}书记`,
    head,
    gov,
  };
}

/** Fills the office placeholders in one piece of text. */
export function wordText(text: string, w: OfficeWords): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) =>
    (OFFICE_PLACEHOLDERS as readonly string[]).includes(key) ? w[key as keyof OfficeWords] : whole,
  );
}

function wordDeep<T>(value: T, w: OfficeWords): T {
  if (typeof value === 'string') return wordText(value, w) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => wordDeep(v, w)) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wordDeep(v, w)])) as T;
  }
  return value;
}

/**
 * The template as one office reads it: every prompt, hint, heading, example, keyword, metric name
 * and phrase with the office's words. Templates without placeholders (version 1) come back as
 * they are, so old reports read exactly as before.
 */
export function wordTemplate(template: Template, kind: OfficeKind, orgName = ''): Template {
  return wordDeep(template, officeWords(kind, orgName));
}

/** The kind of office a report is written by: as set, else read from the org's name. */
export function officeKindOf(
  report: Pick<Report, 'office' | 'orgName'>,
  template: Pick<Template, 'orgKind'>,
): OfficeKind {
  return (
    report.office ??
    officeKindOfName(report.orgName) ??
    (template.orgKind === 'department' ? 'department' : 'town')
  );
}

/** Worded templates, per stored template and office: a turn asks for its template many times. */
const worded = new WeakMap<Template, Map<string, Template>>();

/** The template a report is read with: its own version, in its office's words. */
export function reportTemplate(
  template: Template,
  report: Pick<Report, 'office' | 'orgName'>,
): Template {
  const kind = officeKindOf(report, template);
  const key = `${kind}|${kind === 'department' ? report.orgName : ''}`;
  let byOffice = worded.get(template);
  if (!byOffice) worded.set(template, (byOffice = new Map()));
  let t = byOffice.get(key);
  if (!t) byOffice.set(key, (t = wordTemplate(template, kind, report.orgName)));
  return t;
}

/** Looks up a report's own template version and words it; undefined when that version is gone. */
export function templateOfReport(
  source: { get(id: string, version: number): Template | undefined },
  report: Pick<Report, 'templateId' | 'templateVersion' | 'office' | 'orgName'>,
): Template | undefined {
  const template = source.get(report.templateId, report.templateVersion);
  return template && reportTemplate(template, report);
}
