import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoCounty, type DemoCounty } from '../../src/demo/county-data.js';
import { fillDemoCounty } from '../../src/demo/fill-store.js';
import { DashLinkSigner, dashLink, dashLinkSecret } from '../../src/bot/dash-links.js';
import { connectMongo } from '../../src/store/mongo.js';
import { createRepositories } from '../../src/store/repositories.js';
import { loadTemplates } from '../../src/store/template-files.js';
import { useBot } from '../support/bot-app.js';
import { Chromium } from '../support/chromium.js';
import { testConfig } from '../support/config.js';

const harness = useBot('dashboard');
const signer = new DashLinkSigner(dashLinkSecret(testConfig().wecomBotEncodingAesKey!));
const template = loadTemplates()
  .list()
  .find((t) => t.id === 'township')!;
let county: DemoCounty;
let browser: Chromium;
let base: string;

beforeAll(async () => {
  const now = new Date();
  county = buildDemoCounty(template, {
    county: '青山县',
    townships: 8,
    membersPerTownship: 6,
    pastYears: 0,
    now,
    seed: 11,
  });
  const mongo = await connectMongo(harness.current.dbUri);
  await fillDemoCounty(await createRepositories(mongo), county, template, now);
  await mongo.close();
  base = `http://127.0.0.1:${harness.current.bot.port}`;
  browser = await Chromium.launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** What the page shows: charts drawn (SVGs with painted shapes and text), rows, links. */
const PAGE_FACTS = `(() => {
  const charts = [...document.querySelectorAll('.chart svg')].map((svg) => {
    const box = svg.getBoundingClientRect();
    const painted = [...svg.querySelectorAll('path,rect')].filter((el) => {
      const b = el.getBoundingClientRect();
      return b.width > 2 && b.height > 2;
    }).length;
    return { width: box.width, height: box.height, painted, texts: svg.querySelectorAll('text').length };
  });
  return {
    title: document.title,
    charts,
    rows: document.querySelectorAll('tbody tr').length,
    text: document.body.innerText,
    overflow: document.documentElement.scrollWidth > window.innerWidth,
    links: [...document.querySelectorAll('a')].map((a) => a.getAttribute('href')),
  };
})()`;

interface Facts {
  title: string;
  charts: { width: number; height: number; painted: number; texts: number }[];
  rows: number;
  text: string;
  overflow: boolean;
  links: string[];
}

describe('dashboard pages in headless Chromium', () => {
  it('shows the county with its charts drawn at 375 px and on a desk screen, with no console error', async () => {
    const url = dashLink(base, { scope: 'county', orgId: county.id }, signer, new Date());
    for (const width of [375, 1280]) {
      const page = await browser.open(url, width);
      const facts = await page.evaluate<Facts>(PAGE_FACTS);
      expect(facts.title).toBe('青山县依法治县办·全县进度');
      expect(facts.charts).toHaveLength(2);
      for (const chart of facts.charts) {
        expect(chart.width).toBeGreaterThan(300);
        expect(chart.width).toBeLessThanOrEqual(width);
        expect(chart.painted).toBeGreaterThan(5);
        expect(chart.texts).toBeGreaterThan(3);
      }
      // One row per township, plus the figures table.
      expect(facts.rows).toBeGreaterThan(county.townships.length);
      for (const t of county.townships) expect(facts.text).toContain(t.name);
      expect(facts.text).toContain('普法宣传活动场次');
      expect(facts.overflow).toBe(false);
      // `SCREENSHOT_DIR=docs/images npx vitest run tests/e2e/dashboard.test.ts` renews the README's.
      const dir = process.env.SCREENSHOT_DIR;
      if (width === 375 && dir) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(`${dir}/dashboard-county.png`, await page.screenshot(1500));
      }
    }
    expect(browser.errors).toEqual([]);
  }, 120_000);

  it('links each township to its own page and its newest draft', async () => {
    const page = await browser.open(
      dashLink(base, { scope: 'county', orgId: county.id }, signer, new Date()),
      375,
    );
    const facts = await page.evaluate<Facts>(PAGE_FACTS);
    const townshipLink = facts.links.find((l) => l?.startsWith('/dash/'));
    const drafted = county.townships.filter((t) => t.target >= 0.5).length;
    expect(facts.links.filter((l) => l?.startsWith('/drafts/'))).toHaveLength(drafted);
    const download = await fetch(base + facts.links.find((l) => l?.startsWith('/drafts/'))!);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toContain('wordprocessingml');

    const township = await browser.open(base + townshipLink!, 375);
    const t = await township.evaluate<Facts>(PAGE_FACTS);
    expect(t.title).toMatch(/年法治政府建设情况报告$/);
    expect(t.charts).toHaveLength(2);
    expect(t.charts[0]!.painted).toBeGreaterThan(12);
    expect(t.text).toContain('谁还欠哪些');
    expect(browser.errors).toEqual([]);
  }, 120_000);

  it('answers 全县进度 in the county group with the text and a link that opens the page', async () => {
    const leader = {
      userid: county.leaderUserId,
      chattype: 'group' as const,
      chatid: county.chatId,
    };
    const reply = await harness.current.say(leader, '全县进度');
    for (const t of county.townships) expect(reply).toContain(t.name);
    const link = /\((http:\/\/[^)\s]+\/dash\/[^)\s]+)\)/.exec(reply)?.[1];
    expect(link).toBeDefined();
    // The link names this bot's public base URL; the page is served by the bot under test.
    const page = await browser.open(base + new URL(link!).pathname, 375);
    const facts = await page.evaluate<Facts>(PAGE_FACTS);
    expect(facts.title).toBe('青山县依法治县办·全县进度');
    expect(facts.charts).toHaveLength(2);
    expect(browser.errors).toEqual([]);
  }, 120_000);

  it('refuses a tampered or expired link with a Chinese page', async () => {
    const good = dashLink(base, { scope: 'county', orgId: county.id }, signer, new Date());
    const tampered = await fetch(good.slice(0, -3) + (good.endsWith('AAA') ? 'BBB' : 'AAA'));
    expect(tampered.status).toBe(404);
    expect(await tampered.text()).toContain('链接无效');
    const old = dashLink(
      base,
      { scope: 'county', orgId: county.id },
      signer,
      new Date(Date.now() - 8 * 86400_000),
    );
    const expired = await fetch(old);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('已过期');
  });
});
