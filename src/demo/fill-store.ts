/**
 * Writes a demo county into the store through the repositories, as the bot's own turns would have
 * left it: orgs bound to their groups, members with names, reports with claims and states,
 * answers, and a draft for each township far enough along. Idempotent: a county already there
 * (same seed) is left as it is.
 */
import { composeDraft } from '../report/compose/index.js';
import { chatPreview, toDocx } from '../report/export/index.js';
import { shanghaiDate } from '../report/dates.js';
import type { Template } from '../report/types.js';
import type { Repositories } from '../store/repositories.js';
import type { DemoCounty, DemoTownship } from './county-data.js';

/** Townships at least this far along get a draft, as their admin would have asked for one. */
const DRAFT_FROM = 0.5;

export interface FillResult {
  readonly created: boolean;
  readonly answers: number;
  readonly drafts: number;
}

export async function fillDemoCounty(
  repos: Repositories,
  county: DemoCounty,
  template: Template,
  now: Date,
): Promise<FillResult> {
  if (await repos.orgs.get(county.id)) return { created: false, answers: 0, drafts: 0 };
  let answers = 0;
  let drafts = 0;
  await inBatches(county.townships, 2, async (t) => {
    // A township left by an interrupted run is kept as it is.
    if (await repos.orgs.get(t.id)) return;
    const written = await fillTownship(repos, county, t, now);
    const drafted = t.target >= DRAFT_FROM && (await saveDraft(repos, county, t, template, now));
    answers += written;
    if (drafted) drafts += 1;
  });
  await repos.members.importMany(county.members, now);
  await repos.orgs.bindChat(county.chatId, county.id, now);
  // Last, so a county seen at all is a county complete (the check above).
  await repos.orgs.create({ id: county.id, name: county.name, kind: 'county' }, now);
  return { created: true, answers, drafts };
}

async function fillTownship(
  repos: Repositories,
  county: DemoCounty,
  t: DemoTownship,
  now: Date,
): Promise<number> {
  await repos.orgs.create({ id: t.id, name: t.name, kind: 'township', parentId: county.id }, now);
  await repos.orgs.bindChat(t.chatId, t.id, now);
  await repos.members.importMany(t.members, now);
  for (const report of t.reports) await repos.reports.importReport(report);
  return repos.answers.appendMany(
    t.answers.map((answer, i) => ({ answer, opKey: `demo:${t.id}:${i}` })),
  );
}

async function saveDraft(
  repos: Repositories,
  county: DemoCounty,
  t: DemoTownship,
  template: Template,
  now: Date,
): Promise<boolean> {
  const report = t.reports.at(-1);
  if (!report) return false;
  const draft = composeDraft({
    template,
    report,
    answers: t.answers.filter((a) => a.reportId === report.id),
    members: t.members,
    org: { name: t.name, countyName: county.name.replace(/依法治县办$/, '') },
    issuedOn: shanghaiDate(now),
  });
  await repos.drafts.saveDraft({
    reportId: report.id,
    title: draft.title,
    markdown: chatPreview(draft),
    docx: await toDocx(draft),
    createdAt: now,
    createdBy: t.adminUserId,
  });
  return true;
}

async function inBatches<T>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < items.length; i += size) {
    await Promise.all(items.slice(i, i + size).map(work));
  }
}
