import { Resvg } from '@resvg/resvg-js';
import { afterAll, describe, expect, it } from 'vitest';
import { ChartRenderer, renderSvg } from '../../src/charts/render.js';
import { countySpec } from '../../src/charts/specs.js';
import { deadlineText } from '../../src/report/deadline-text.js';
import { countyView, townshipView, type DashboardEntry } from '../../src/report/dashboard.js';
import { isOptionalSection } from '../../src/report/progress.js';
import { allSections } from '../../src/report/sections.js';
import { smallDemoCounty } from '../support/demo-county.js';

const { template, county, now } = smallDemoCounty({
  townships: 8,
  membersPerTownship: 6,
  pastYears: 0,
});
const entries: DashboardEntry[] = county.townships.map((t) => ({
  org: { id: t.id, name: t.name, kind: 'township', chatIds: [t.chatId], hasWebhook: false },
  report: t.reports.at(-1)!,
  template,
  answers: t.answers,
  members: t.members,
}));
const renderer = new ChartRenderer();
afterAll(() => renderer.close());

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('county view', () => {
  const view = countyView(county.name, entries, now);

  it('ranks townships by completion, most complete first', () => {
    const percents = view.townships.map((t) => t.percent);
    expect(percents).toEqual([...percents].sort((a, b) => b - a));
    expect(view.townships).toHaveLength(8);
    expect(view.finished).toBe(view.townships.filter((t) => t.percent === 100).length);
  });

  it('derives the mediation rate from the counts a township gave, and leaves it out when none', () => {
    for (const row of view.townships) {
      const t = county.townships.find((x) => x.id === row.orgId)!;
      const found = t.answers.find((a) => a.questionId === 'disputes_found');
      const resolved = t.answers.find((a) => a.questionId === 'disputes_resolved');
      if (found?.value.kind === 'number' && resolved?.value.kind === 'number') {
        const rate = (resolved.value.quantity.value / found.value.quantity.value) * 100;
        expect(row.rate).toBeCloseTo(rate, 0);
      } else if (!t.answers.some((a) => a.questionId === 'mediation_rate')) {
        expect(row.rate).toBeUndefined();
      }
    }
    expect(view.indicators).toEqual({
      rate: '调解成功率',
      count: '普法宣传活动场次',
      countUnit: '场次',
    });
  });

  it('draws progress over time that never goes down and ends at today', () => {
    const points = view.timeline.map((p) => p.percent);
    expect(points).toEqual([...points].sort((a, b) => a - b));
    expect(view.timeline.at(-1)?.date).toBe('2026-12-01');
  });
});

describe('chart images', () => {
  it('renders the county chart as a 750 px wide PNG with its md5', async () => {
    const image = await renderer.countyPng(countyView(county.name, entries, now));
    const { width, height } = pngSize(image.png);
    expect(width).toBe(750);
    expect(height).toBeGreaterThan(400);
    const { createHash } = await import('node:crypto');
    expect(image.md5).toBe(createHash('md5').update(image.png).digest('hex'));
  });

  it('renders a township chart, one row per section', async () => {
    const e = entries[0]!;
    const view = townshipView({
      report: e.report!,
      template,
      answers: e.answers,
      members: e.members!,
      now,
    });
    // One row per counted section: the optional opening (导语) is owed nothing (progress.ts).
    expect(view.sections).toHaveLength(
      allSections(template).filter((s) => !isOptionalSection(s)).length,
    );
    const { width } = pngSize((await renderer.townshipPng(view)).png);
    expect(width).toBe(750);
  });

  it('draws the Chinese labels with the CJK font (glyph outlines, not blanks)', () => {
    const svg = renderSvg(countySpec(countyView(county.name, entries, now), renderer.font.family));
    const outlines = (fontFiles: string[]) =>
      (
        new Resvg(svg, { font: { loadSystemFonts: false, fontFiles } })
          .toString()
          .match(/<path/g) ?? []
      ).length;
    const bars = outlines([]);
    expect(outlines([renderer.font.file])).toBeGreaterThan(bars + 30);
  });

  it('heads the county chart with the deadline sentence every view says', () => {
    const view = countyView(county.name, entries, now);
    const spec = JSON.stringify(countySpec(view, renderer.font.family));
    expect(spec).toContain(deadlineText(view.daysLeft!, view.deadline!));
  });
});
