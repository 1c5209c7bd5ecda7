/**
 * WeCom markdown shown plainly in a terminal: the marks go, the words stay. Headings and bold
 * text are emphasised when the terminal takes colour; links keep their address, mentions read
 * `@userid`, list bullets become `•`, quotes `│`, and table separator rows disappear.
 */

export interface Style {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly accent: (s: string) => string;
}

export const PLAIN: Style = { bold: (s) => s, dim: (s) => s, accent: (s) => s };

export const ANSI: Style = {
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
  accent: (s) => `\x1b[36m${s}\x1b[39m`,
};

const TABLE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$|^\s*\|\s*:?-{3,}:?\s*\|\s*$/;

export function renderMarkdown(markdown: string, style: Style = PLAIN): string {
  const text = markdown.replace(/<think>[\s\S]*?<\/think>/g, '').replace(/\r\n?/g, '\n');
  const out: string[] = [];
  let fenced = false;
  for (const line of text.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (fenced) {
      out.push(`    ${line}`);
      continue;
    }
    if (TABLE_RULE.test(line)) continue;
    out.push(renderLine(line, style));
  }
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function renderLine(line: string, style: Style): string {
  const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
  if (heading) return style.bold(inline(heading[1]!, style));
  if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) return '────────────';
  const quote = /^\s*((?:>\s?)+)(.*)$/.exec(line);
  if (quote) {
    const depth = (quote[1]!.match(/>/g) ?? []).length;
    return `${'│ '.repeat(depth)}${inline(quote[2]!, style)}`;
  }
  const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(line);
  if (bullet) return `${bullet[1]}• ${inline(bullet[2]!, style)}`;
  return inline(line, style);
}

function inline(text: string, style: Style): string {
  return text
    .replace(/<font[^>]*>([\s\S]*?)<\/font>/gi, '$1')
    .replace(/<@([^>\s]+)>/g, '@$1')
    .replace(
      /!\[([^\]]*)\]\(([^)\s]+)[^)]*\)/g,
      (_m, alt: string) => `[图片${alt ? `：${alt}` : ''}]`,
    )
    .replace(/\[([^\]]+)\]\(([^)\s]+)[^)]*\)/g, (_m, label: string, url: string) =>
      label === url ? url : `${label}（${url}）`,
    )
    .replace(/\*\*([^*]+)\*\*|__([^_]+)__/g, (_m, a?: string, b?: string) =>
      style.bold(a ?? b ?? ''),
    )
    .replace(/(^|[^*])\*([^*\s][^*]*)\*(?!\*)/g, '$1$2')
    .replace(/~~([^~]+)~~/g, '$1')
    .replace(/`([^`]+)`/g, (_m, code: string) => style.accent(code))
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** A template card as a few plain lines: titles, key/value rows, and the buttons' labels. */
export function renderCard(card: Readonly<Record<string, unknown>>, style: Style = PLAIN): string {
  const lines: string[] = [];
  const obj = (v: unknown) =>
    typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const main = obj(card.main_title);
  const title = str(main?.title);
  if (title) lines.push(style.bold(title));
  const desc = str(main?.desc);
  if (desc) lines.push(desc);
  const emphasis = obj(card.emphasis_content);
  if (emphasis && str(emphasis.title)) {
    lines.push(`${style.bold(String(emphasis.title))} ${str(emphasis.desc) ?? ''}`.trim());
  }
  const sub = str(card.sub_title_text);
  if (sub) lines.push(sub);
  const rows = Array.isArray(card.horizontal_content_list) ? card.horizontal_content_list : [];
  for (const row of rows) {
    const r = obj(row);
    if (r) lines.push(`${str(r.keyname) ?? ''}：${str(r.value) ?? ''}`);
  }
  const buttons = Array.isArray(card.button_list) ? card.button_list : [];
  const labels = buttons.flatMap((b) => (str(obj(b)?.text) ? [`[${String(obj(b)!.text)}]`] : []));
  if (labels.length > 0) lines.push(labels.join(' '));
  const jumps = Array.isArray(card.jump_list) ? card.jump_list : [];
  for (const jump of jumps) {
    const j = obj(jump);
    if (j && str(j.title))
      lines.push(`→ ${String(j.title)}${str(j.url) ? `（${String(j.url)}）` : ''}`);
  }
  if (lines.length === 0) lines.push(`[卡片：${str(card.card_type) ?? '未知类型'}]`);
  return lines.join('\n');
}
