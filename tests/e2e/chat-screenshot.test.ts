import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoCounty, type DemoCounty } from '../../src/demo/county-data.js';
import { fillDemoCounty } from '../../src/demo/fill-store.js';
import { connectMongo } from '../../src/store/mongo.js';
import { createRepositories } from '../../src/store/repositories.js';
import { loadTemplates } from '../../src/store/template-files.js';
import { useBot } from '../support/bot-app.js';
import { Chromium } from '../support/chromium.js';
import { bubblePage } from '../support/wecom-bubble.js';

/**
 * Issue #14's README picture: the bot's real answer to 全县进度 on the demo county (its text and
 * its chart PNG, as the stream finished) laid out as a WeCom group shows a message, 375 px wide,
 * in headless Chromium. `SCREENSHOT_DIR=docs/images npx vitest run tests/e2e/chat-screenshot.test.ts`
 * renews docs/images/chat-county.png (and the chart alone, chart-county.png).
 */
const harness = useBot('chat-shot');
const template = loadTemplates()
  .list()
  .find((t) => t.id === 'township')!;
let county: DemoCounty;
let browser: Chromium;

beforeAll(async () => {
  const now = new Date();
  county = buildDemoCounty(template, {
    county: '青山县',
    townships: 30,
    membersPerTownship: 4,
    pastYears: 0,
    now,
    seed: 1,
  });
  const mongo = await connectMongo(harness.current.dbUri);
  await fillDemoCounty(await createRepositories(mongo), county, template, now);
  await mongo.close();
  browser = await Chromium.launch();
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

describe('全县进度 as a phone shows it', () => {
  it('lays out the real text and chart in a 375 px chat, the chart legible', async () => {
    const leader = {
      userid: county.leaderUserId,
      chattype: 'group' as const,
      chatid: county.chatId,
    };
    const frame = await harness.current.ask(leader, '全县进度');
    expect(frame.msg_item).toHaveLength(1);
    const png = Buffer.from(frame.msg_item![0]!.image.base64, 'base64');
    const dir = mkdtempSync(path.join(tmpdir(), 'chat-shot-'));
    try {
      const file = path.join(dir, 'chat.html');
      writeFileSync(
        file,
        bubblePage({
          group: '青山县依法治县办工作群',
          botName: '报告助手',
          asker: '县领导',
          asked: '全县进度',
          markdown: frame.content,
          images: [png],
        }),
      );
      const page = await browser.open(pathToFileURL(file).href, 375);
      const facts = await page.evaluate<{
        shown: number;
        natural: number;
        overflow: boolean;
        text: string;
      }>(`(() => {
        const img = document.querySelector('img.chart');
        return {
          shown: img.getBoundingClientRect().width,
          natural: img.naturalWidth,
          overflow: document.documentElement.scrollWidth > window.innerWidth,
          text: document.body.innerText,
        };
      })()`);
      expect(facts.natural).toBe(750);
      // The 750 px chart shown about 250 CSS px wide: its 22 px labels come out near 7–8 pt,
      // as WeCom shows a chart in a bubble (tap to enlarge).
      expect(facts.shown).toBeGreaterThan(240);
      expect(facts.overflow).toBe(false);
      expect(facts.text).toContain('全县进度');
      expect(facts.text).toContain(county.townships[0]!.name);
      expect(browser.errors).toEqual([]);
      const out = process.env.SCREENSHOT_DIR;
      if (out) {
        mkdirSync(out, { recursive: true });
        writeFileSync(path.join(out, 'chat-county.png'), await page.screenshot());
        writeFileSync(path.join(out, 'chart-county.png'), png);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
