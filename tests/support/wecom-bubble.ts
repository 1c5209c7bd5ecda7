/**
 * A phone-width page that imitates how WeCom shows the bot's answer in a group: the member's
 * message on the right, the bot's on the left with its text and the chart image under it. Only
 * for a README illustration (示意) and the test that draws it; not WeCom's own rendering.
 */
export interface BubblePage {
  readonly group: string;
  readonly botName: string;
  readonly asker: string;
  readonly asked: string;
  /** The bot's markdown, as the stream finished with it. */
  readonly markdown: string;
  /** The images of `msg_item`, PNG bytes. */
  readonly images: readonly Buffer[];
}

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The little markdown the bot writes: bold, links, rules, lists and line breaks. */
export function markdownToHtml(markdown: string): string {
  return withoutEmoji(markdown)
    .split('\n')
    .map((line) => {
      if (/^-{3,}$/.test(line.trim())) return '<hr>';
      let html = escape(line)
        .replace(/\*\*(.+?)\*\*/g, '<b>$1</b>')
        .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '<a href="$2">$1</a>')
        .replace(/`([^`]+)`/g, '<code>$1</code>');
      if (/^\s*[-*] /.test(line)) html = `• ${html.replace(/^\s*[-*] /, '')}`;
      return `${html}<br>`;
    })
    .join('\n');
}

/**
 * The screenshot machine has no colour emoji font, so emoji would show as empty boxes: they are
 * left out (the page's footer says so), the words are the bot's own.
 */
function withoutEmoji(text: string): string {
  return text.replace(/\p{Extended_Pictographic}\uFE0F?\s?/gu, '');
}

export function bubblePage(p: BubblePage): string {
  const images = p.images
    .map((png) => `<img class="chart" src="data:image/png;base64,${png.toString('base64')}">`)
    .join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(p.group)}</title>
<style>
  body { margin: 0; background: #ededed; font: 15px/1.5 "PingFang SC","Noto Sans CJK SC",sans-serif; color: #1f2329; }
  header { background: #f7f7f7; border-bottom: 1px solid #dcdcdc; text-align: center; padding: 12px 0; font-weight: 600; }
  .row { display: flex; gap: 8px; padding: 10px 12px; align-items: flex-start; }
  .row.me { flex-direction: row-reverse; }
  .avatar { width: 38px; height: 38px; border-radius: 6px; flex: none; color: #fff; font-size: 14px;
            display: flex; align-items: center; justify-content: center; }
  .bot .avatar { background: #3b7ddd; } .me .avatar { background: #2e9e5b; }
  .name { font-size: 12px; color: #888; margin-bottom: 3px; }
  .bubble { background: #fff; border-radius: 6px; padding: 9px 11px; max-width: 270px; word-break: break-all; }
  .me .bubble { background: #cde4ff; }
  .bubble hr { border: 0; border-top: 1px solid #e5e5e5; margin: 6px 0; }
  .bubble a { color: #3b7ddd; text-decoration: none; }
  .chart { display: block; width: 100%; margin-top: 8px; border-radius: 4px; border: 1px solid #eee; }
  footer { text-align: center; color: #999; font-size: 12px; padding: 6px 0 14px; }
</style></head>
<body>
<header>${escape(p.group)}</header>
<div class="row me"><div class="avatar">${escape(p.asker.slice(0, 1))}</div>
  <div><div class="bubble">@${escape(p.botName)} ${escape(p.asked)}</div></div></div>
<div class="row bot"><div class="avatar">助</div>
  <div><div class="name">${escape(p.botName)}</div>
  <div class="bubble">${markdownToHtml(p.markdown)}${images}</div></div></div>
<footer>示意：企业微信群里机器人回复的样子（文字 + 图表；截图环境无表情字体，表情符号略去）</footer>
</body></html>`;
}
