import { formatChineseDate, isIsoDate } from '../dates.js';
import type { Template } from '../types.js';

/** Who issues the report, as far as it is known. Only `name` is required. */
export interface DraftOrg {
  /** 青石镇, 城关街道 … */
  readonly name: string;
  /** The county (or district) the org reports to: 左贡县, 湟中区. */
  readonly countyName?: string;
  /** Defaults to 中共{name}委员会 (街道: 中共{name}工作委员会). */
  readonly partyCommitteeName?: string;
  /** Defaults to {name}人民政府 (街道: {name}办事处). */
  readonly governmentName?: string;
}

const isSubdistrict = (name: string) => name.endsWith('街道');

export function partyCommitteeOf(org: DraftOrg): string {
  if (org.partyCommitteeName) return org.partyCommitteeName;
  return isSubdistrict(org.name) ? `中共${org.name}工作委员会` : `中共${org.name}委员会`;
}

export function governmentOf(org: DraftOrg): string {
  if (org.governmentName) return org.governmentName;
  return isSubdistrict(org.name) ? `${org.name}办事处` : `${org.name}人民政府`;
}

const DEFAULT_TITLE = '{org}{year}年法治政府建设情况报告';
const JOINT_TITLE = '{partyCommittee} {government}关于{year}年度法治政府建设情况的报告';

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
    template.joint && !template.titlePattern.includes('{partyCommittee}')
      ? JOINT_TITLE
      : template.titlePattern || DEFAULT_TITLE;
  return fillPattern(pattern, org, year) ?? (fillPattern(DEFAULT_TITLE, org, year) as string);
}

/** The addressee line, or undefined when the template has none or names an unknown body. */
export function draftAddressee(
  template: Template,
  org: DraftOrg,
  year: number,
): string | undefined {
  if (!template.addresseePattern.trim()) return undefined;
  return fillPattern(template.addresseePattern, org, year);
}

export function draftIssuers(template: Template, org: DraftOrg): string[] {
  return template.joint ? [partyCommitteeOf(org), governmentOf(org)] : [governmentOf(org)];
}

/** `2027-01-09` → `2027年1月9日`: Arabic numerals, full year, no zero padding. */
export function chineseDate(isoDate: string): string {
  // A draft must not carry a date that does not exist, so this refuses what formatting would pass.
  if (!isIsoDate(isoDate)) {
    throw new RangeError(`chineseDate: not a calendar date YYYY-MM-DD: ${isoDate}`);
  }
  return formatChineseDate(isoDate, true);
}
