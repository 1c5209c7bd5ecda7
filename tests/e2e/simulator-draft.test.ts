import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../src/localstack/ports.js';
import { runSimulator } from '../../src/devtools/simulator.js';
import { useBot } from '../support/bot-app.js';
import { testConfig } from '../support/config.js';

/**
 * Issue #9's done-when, as a person would try it: `npm run chat` (the devtools simulator, over
 * real signed HTTP callbacks) against the whole bot. A number question answered with a whole
 * sentence comes back whole in the 生成草稿 preview; a list typed as （一）…（二）… comes back as
 * 一是……；二是……; a section pasted with /paste is one message whose figures are read.
 */
const h = useBot('e2e-simulator-draft');
const config = testConfig();

const sentence = '全年专题学习习近平法治思想12次，另开展研讨交流2次';
const problems = '（一）执法力量偏弱，执法人员多为兼职。（二）普法方式创新不够，新媒体用得少。';

describe('the simulator against the bot', () => {
  it('keeps a sentence answer whole and drafts a （一）（二） list as 一是…二是…', async () => {
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    const script = [
      '新建 柳溪镇 2026年度法治政府建设情况报告 截止 2027-02-26',
      '好',
      '填写 一(一)',
      '镇党委把法治建设列入年度重点工作，落实第一议题学法制度。',
      sentence,
      '4次',
      '/paste 填写 一(五)',
      '依托综治中心每月排查，',
      '全年共排查各类矛盾纠纷18起，化解17起。',
      '.',
      '填写 二',
      problems,
      '跳过',
      '生成草稿',
    ];
    const code = await runSimulator({
      input: Readable.from([`${script.join('\n')}\n`]),
      output,
      botUrl: `http://127.0.0.1:${h.current.bot.port}`,
      credentials: {
        token: config.wecomBotToken!,
        encodingAesKey: config.wecomBotEncodingAesKey!,
        receiveId: '',
      },
      wecomPort: await freePort(),
      user: 'admin',
      group: '柳溪镇工作群',
      refreshIntervalMs: 100,
      lingerMs: 100,
    });
    expect(code, text).toBe(0);
    // The pasted section went as one message: its figures were read from it.
    expect(text).toMatch(/读到：排查矛盾纠纷18起，化解矛盾纠纷17起/);
    const preview = text.slice(text.lastIndexOf('admin@柳溪镇工作群> 生成草稿'));
    expect(preview, text).toContain(sentence);
    expect(preview).toMatch(/一是执法力量偏弱[^；]*；二是普法方式创新不够/);
    expect(preview).not.toMatch(/（二）普法/);
  }, 180_000);
});
