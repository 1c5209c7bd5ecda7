/**
 * The CJK font the chart PNGs are drawn with, loaded by file path so a PNG never depends on the
 * machine's fontconfig. resvg re-reads a font file for every glyph it draws, which with a 20 MB
 * CJK collection costs seconds per chart; so each chart gets a subset holding only its own
 * characters (HarfBuzz's `hb-subset`, a few milliseconds), kept for the next chart that needs the
 * same characters. Without `hb-subset` the whole font is used: slower, same picture.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LRUCache } from 'lru-cache';

const run = promisify(execFile);

export interface CjkFont {
  readonly file: string;
  /** The face inside a collection (.ttc). */
  readonly faceIndex: number;
  /** The family name the face declares: what the SVG must ask for. */
  readonly family: string;
}

/**
 * Where setup installs a CJK font (Debian's fonts-noto-cjk first), in order of preference.
 * `CHART_FONT_FILE` (with `CHART_FONT_FAMILY`, `CHART_FONT_INDEX`) overrides.
 */
const CANDIDATES: readonly CjkFont[] = [
  {
    file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    faceIndex: 2,
    family: 'Noto Sans CJK SC',
  },
  {
    file: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf',
    faceIndex: 0,
    family: 'Droid Sans Fallback',
  },
  {
    file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
    faceIndex: 0,
    family: 'WenQuanYi Micro Hei',
  },
];

export class FontMissingError extends Error {
  constructor() {
    super(
      'no CJK font for charts: run `npm run setup` (installs fonts-noto-cjk) or set CHART_FONT_FILE',
    );
    this.name = 'FontMissingError';
  }
}

export function findCjkFont(env: NodeJS.ProcessEnv = process.env): CjkFont {
  if (env.CHART_FONT_FILE) {
    return {
      file: env.CHART_FONT_FILE,
      faceIndex: Number(env.CHART_FONT_INDEX ?? 0),
      family: env.CHART_FONT_FAMILY ?? 'sans-serif',
    };
  }
  const found = CANDIDATES.find((c) => existsSync(c.file));
  if (!found) throw new FontMissingError();
  return found;
}

/** Subset font files by the characters they hold; evicted files are deleted. */
export class FontSubsets {
  readonly #dir: string;
  readonly #cache: LRUCache<string, Promise<string>>;
  #subsetting = true;

  constructor(
    readonly font: CjkFont,
    options: { dir?: string; max?: number } = {},
  ) {
    this.#dir = options.dir ?? join(tmpdir(), `report-bot-fonts-${process.pid}`);
    this.#cache = new LRUCache<string, Promise<string>>({
      max: options.max ?? 64,
      dispose: (file) => {
        void file.then((path) => {
          if (path !== this.font.file) rmSync(path, { force: true });
        });
      },
    });
  }

  /** A font file holding at least `text`'s characters: a cached subset, or the whole font. */
  async fileFor(text: string): Promise<string> {
    if (!this.#subsetting) return this.font.file;
    const chars = [...new Set(text)].sort().join('');
    const key = createHash('sha1').update(chars).digest('hex');
    let file = this.#cache.get(key);
    if (!file) {
      file = this.#subset(chars, key);
      this.#cache.set(key, file);
    }
    return file;
  }

  /** Removes the subset files (at shutdown; they are only a cache). */
  close(): void {
    this.#cache.clear();
    rmSync(this.#dir, { recursive: true, force: true });
  }

  async #subset(chars: string, key: string): Promise<string> {
    mkdirSync(this.#dir, { recursive: true });
    const out = join(this.#dir, `${key}.otf`);
    try {
      await run('hb-subset', [
        `--face-index=${this.font.faceIndex}`,
        `--output-file=${out}`,
        this.font.file,
        // Space, digits and the percent sign always, for labels the text did not show yet.
        `--text=${chars} 0123456789%.-`,
      ]);
      return out;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') this.#subsetting = false;
      return this.font.file;
    }
  }
}
