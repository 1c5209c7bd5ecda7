import { formatChineseDate, isIsoDate } from '../dates.js';
import { officeKindOfName } from '../office.js';
import type { OfficeKind, Signing, Template } from '../types.js';
import { draftFrontMatterTexts as T } from './texts/draft-front-matter.js';

/** Who issues the report, as far as it is known. Only `name` is required. */
export interface DraftOrg {
  /** 青石镇, 城关街道 … */
  readonly name: string;
  /** The county (or district) the org reports to: 左贡县, 湟中区. */
  readonly countyName?: string;
  /** Defaults to 中共{name}委员会 (街道: 中共{name}工作委员会). */
  readonly partyCommitteeName?: string;
  /** Defaults to {name}人民政府 (街道: {name}办事处; a department: its own name). */
  readonly governmentName?: string;
  /** 镇, 乡, 街道 or 县直部门; read from the name when absent. */
  readonly office?: OfficeKind;
  /** Who signs: joint (党委 + 政府) or the government / office alone; the template's when absent. */
  readonly signing?: Signing;
  /** The 主送机关 chosen for the report (`设置主送`), with or without its colon; '' for none. */
  readonly addressee?: string;
}

const kindOf = (org: DraftOrg): OfficeKind | undefined => org.office ?? officeKindOfName(org.name);

/** 中共青石镇委员会, 中共城关街道工作委员会, 中共县司法局党组. */
export function partyCommitteeOf(org: DraftOrg): string {
  if (org.partyCommitteeName) return org.partyCommitteeName;
  switch (kindOf(org)) {
    case 'subdistrict':
      return T.subdistrictPartyCommittee(org.name);
    case 'department':
      return T.departmentPartyGroup(org.name);
    default:
      return T.partyCommittee(org.name);
  }
}

/** 青石镇人民政府, 城关街道办事处, 县司法局. */
export function governmentOf(org: DraftOrg): string {
  if (org.governmentName) return org.governmentName;
  switch (kindOf(org)) {
    case 'subdistrict':
      return T.subdistrictOffice(org.name);
    case 'department':
      return org.name;
    default:
      return T.government(org.name);
  }
}

function signingOf(template: Template, org: DraftOrg): Signing {
  return org.signing ?? (template.joint ? 'joint' : 'single');
}

/**
 * Fills `{org}`, `{year}`, `{county}`, `{partyCommittee}`, `{government}`; undefined when a
 * placeholder names something not known, so the caller can fall back rather than print `{county}`.
 */
export function fillPattern(pattern: string, org: DraftOrg, year: number): string | undefined {
  const values: Record<string, string | undefined> = {
    org: org.name,
    year: String(year),
    county: org.countyName,
    partyCommittee: partyCommitteeOf(org),
    government: governmentOf(org),
  };
  let unknown = false;
  const filled = pattern.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) unknown = true;
    return value ?? '';
  });
  return unknown ? undefined : filled;
}

/** The title: the joint form when the template says joint, else the template's own pattern. */
export function draftTitle(template: Template, org: DraftOrg, year: number): string {
  const pattern =
    signingOf(template, org) === 'joint' && !template.titlePattern.includes('{partyCommittee}')
      ? T.jointTitle
      : template.titlePattern || T.defaultTitle;
  return fillPattern(pattern, org, year) ?? (fillPattern(T.defaultTitle, org, year) as string);
}

/** The addressee line, or undefined when the template has none or names an unknown body. */
export function draftAddressee(
  template: Template,
  org: DraftOrg,
  year: number,
): string | undefined {
  if (org.addressee !== undefined) {
    // Chosen for the report (`设置主送`); '' means none.
    const chosen = org.addressee.trim().replace(/[:：]+$/, '');
    return chosen ? `${chosen}：` : undefined;
  }
  if (!template.addresseePattern.trim()) return undefined;
  return fillPattern(template.addresseePattern, org, year);
}

export function draftIssuers(template: Template, org: DraftOrg): string[] {
  return signingOf(template, org) === 'joint'
    ? [partyCommitteeOf(org), governmentOf(org)]
    : [governmentOf(org)];
}

/** `2027-01-09` → `2027年1月9日`: Arabic numerals, full year, no zero padding. */
export function chineseDate(isoDate: string): string {
  // A draft must not carry a date that does not exist, so this refuses what formatting would pass.
  if (!isIsoDate(isoDate)) {
    throw new RangeError(`chineseDate: not a calendar date YYYY-MM-DD: ${isoDate}`);
  }
  return formatChineseDate(isoDate, true);
}
