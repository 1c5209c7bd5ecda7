/**
 * The draft's title and the bodies that issue and sign it (compose/front-matter.ts), by kind of
 * office: a 镇/乡 has a 党委 and a 人民政府, a 街道 a 党工委 and a 办事处, a county department a 党组.
 */
export const draftFrontMatterTexts = {
  partyCommittee: (org: string) => `中共${org}委员会`,
  subdistrictPartyCommittee: (org: string) => `中共${org}工作委员会`,
  departmentPartyGroup: (org: string) => `中共${org}党组`,
  government: (org: string) => `${org}人民政府`,
  subdistrictOffice: (org: string) => `${org}办事处`,
  /** The title when the template's own pattern cannot be filled; placeholders as in templates. */
  defaultTitle: '{org}{year}年法治政府建设情况报告',
  /** The title of a report signed jointly by the party committee and the government. */
  jointTitle: '{partyCommittee} {government}关于{year}年度法治政府建设情况的报告',
} as const;
