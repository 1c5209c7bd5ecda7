/**
 * Text as typed on a phone: full-width punctuation and digits, stray spaces, polite words around
 * the command. Normalising is for recognising commands only; answers are saved as typed.
 */
export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

// Longest first, so `帮我` goes before `帮`.
const LEADING = [
  '麻烦你',
  '麻烦',
  '请问',
  '请你',
  '请',
  '小助手',
  '助手',
  '你好',
  '您好',
  '好的',
  '帮我们',
  '帮我',
  '帮忙',
  '给我',
  '我们来',
  '我来',
  '我要',
  '我想',
  '我先',
  '想要',
  '需要',
  '能不能',
  '可以',
  '现在',
  '马上',
  '开始',
  '我看看',
  '我想看',
  '看看',
  '看下',
  '查下',
  '看一下',
  '查看',
  '查询',
  '查一下',
  '显示',
].sort((a, b) => b.length - a.length);

const TRAILING = [
  '一下',
  '吧',
  '呢',
  '啊',
  '呀',
  '哈',
  '了',
  '谢谢',
  '多谢',
  '怎么样',
  '如何',
  '好吗',
  '可以吗',
  '行吗',
].sort((a, b) => b.length - a.length);

const EDGE_PUNCT = /^[\s,.!?;:，。！？；：、~～…]+|[\s,.!?;:，。！？；：、~～…]+$/g;

/** Strips polite words and punctuation around a command: `请帮我填写一(三)吧！` → `填写一(三)`. */
export function stripPolite(text: string, trailing = true): string {
  // The adapter strips the bot's @mention; a leftover one (quoted, or typed twice) is harmless.
  let s = text.replace(/^(?:@\S+\s+)+/, '').replace(EDGE_PUNCT, '');
  for (let changed = true; changed;) {
    changed = false;
    for (const w of LEADING) {
      if (s.startsWith(w) && s.length > w.length) {
        s = s.slice(w.length).replace(EDGE_PUNCT, '');
        changed = true;
      }
    }
    for (const w of trailing ? TRAILING : []) {
      if (s.endsWith(w) && s.length > w.length) {
        s = s.slice(0, -w.length).replace(EDGE_PUNCT, '');
        changed = true;
      }
    }
  }
  return s;
}

/** Filler around a section reference: `矛盾纠纷这一块` → `矛盾纠纷`. */
export function stripRefFiller(ref: string): string {
  return ref
    .replace(EDGE_PUNCT, '')
    .replace(/^(的|一下|下)/, '')
    .replace(/(这一块|这块|这一部分|这部分|这一节|这一项|这项|的内容|内容|这个|板块|工作)$/, '')
    .replace(EDGE_PUNCT, '')
    .trim();
}
