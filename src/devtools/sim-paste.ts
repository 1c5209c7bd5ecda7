/**
 * Several lines as ONE message: `npm run chat` reads a line at a time and sends each, but an
 * official pastes a section's whole paragraph (`填写 一(五)` and the text below it). `/paste`
 * collects the lines that follow until a line holding only `.`, then sends them together.
 */
import { parseLine, type SimCommand } from './sim-session.js';

export const PASTE_START =
  '粘贴模式：接下来的各行合成一条消息发送；单独一行输入 . 发送，输入 /cancel 放弃。';

export class LineReader {
  private pasting: string[] | undefined;

  /** What the simulator should do with one typed line. */
  read(line: string): SimCommand {
    if (this.pasting) return this.collect(line);
    const paste = /^\s*\/paste(?:\s+(.*))?$/i.exec(line);
    if (!paste) return parseLine(line);
    const first = paste[1]?.trim();
    this.pasting = first ? [first] : [];
    // The notice is shown the way a problem is: said, nothing sent.
    return { kind: 'invalid', problem: PASTE_START };
  }

  private collect(line: string): SimCommand {
    const lines = this.pasting ?? [];
    const t = line.trim();
    if (t === '/cancel') {
      this.pasting = undefined;
      return { kind: 'invalid', problem: '已放弃粘贴的内容，没有发送。' };
    }
    if (t !== '.') {
      lines.push(line.replace(/\s+$/u, ''));
      return { kind: 'empty' };
    }
    this.pasting = undefined;
    const text = lines.join('\n').trim();
    return text
      ? { kind: 'message', text }
      : { kind: 'invalid', problem: '粘贴的内容是空的，没有发送。' };
  }
}
