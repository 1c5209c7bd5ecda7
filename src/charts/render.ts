/**
 * Charts drawn on the server with no browser: ECharts' SSR renderer gives SVG, resvg turns it into
 * PNG with our own CJK font. The chat sends the PNG; the dashboard inlines the SVG.
 */
import { createHash } from 'node:crypto';
import { renderAsync } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import { LRUCache } from 'lru-cache';
import type { CountyView, TimelinePoint, TownshipView } from '../report/dashboard.js';
import { findCjkFont, FontSubsets, type CjkFont } from './font.js';

export { FontMissingError } from './font.js';
import { countySpec, PAGE_SIZING, timelineSpec, townshipSpec, type ChartSpec } from './specs.js';

/** What the browser falls back to when the server's font is not on the phone. */
const PAGE_FONTS =
  '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif';

export interface ChartImage {
  readonly png: Buffer;
  /** Hex md5 of the PNG bytes, as WeCom's `msg_item` image wants it. */
  readonly md5: string;
}

/** ECharts option → SVG string. */
export function renderSvg(spec: ChartSpec): string {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: spec.width,
    height: spec.height,
  });
  try {
    chart.setOption(spec.option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The characters a chart's text elements draw (for the font subset). */
function textOf(svg: string): string {
  let text = '';
  for (const m of svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)) text += m[1] ?? '';
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, ' ');
}

export interface ChartRendererOptions {
  readonly font?: CjkFont;
  /** PNGs kept by content, so asking twice for an unchanged chart draws it once. */
  readonly cacheSize?: number;
}

/**
 * Draws the chat images and the dashboard's SVGs. One per process: it holds the font subsets.
 * The font is looked for at the first PNG, so a machine without one still serves the pages
 * (whose SVGs use the phone's fonts); PNGs then fail with {@link FontMissingError}.
 */
export class ChartRenderer {
  #fontState?: { font: CjkFont; subsets: FontSubsets };
  readonly #pngs: LRUCache<string, Promise<ChartImage>>;

  readonly #options: ChartRendererOptions;

  constructor(options: ChartRendererOptions = {}) {
    this.#options = options;
    this.#pngs = new LRUCache({ max: options.cacheSize ?? 200 });
  }

  /** The CJK font the PNGs use; throws FontMissingError when there is none. */
  get font(): CjkFont {
    return this.#fonts().font;
  }

  townshipPng(view: TownshipView): Promise<ChartImage> {
    return this.#png(`t${JSON.stringify(view)}`, (f) => townshipSpec(view, f));
  }

  countyPng(view: CountyView): Promise<ChartImage> {
    return this.#png(`c${JSON.stringify(view)}`, (f) => countySpec(view, f));
  }

  /** SVGs for the dashboard page, with the phone's own CJK fonts named first. */
  townshipSvg(view: TownshipView): string {
    return renderSvg(townshipSpec(view, PAGE_FONTS, PAGE_SIZING));
  }

  countySvg(view: CountyView): string {
    return renderSvg(countySpec(view, PAGE_FONTS, PAGE_SIZING));
  }

  timelineSvg(points: readonly TimelinePoint[]): string {
    return renderSvg(timelineSpec(points, PAGE_FONTS, PAGE_SIZING));
  }

  close(): void {
    this.#fontState?.subsets.close();
  }

  #fonts(): { font: CjkFont; subsets: FontSubsets } {
    if (!this.#fontState) {
      const font = this.#options.font ?? findCjkFont();
      this.#fontState = { font, subsets: new FontSubsets(font) };
    }
    return this.#fontState;
  }

  /** Keyed by the view drawn (the SVG itself differs run to run in its generated ids). */
  #png(view: string, spec: (fontFamily: string) => ChartSpec): Promise<ChartImage> {
    const key = createHash('sha1').update(view).digest('hex');
    let image = this.#pngs.get(key);
    if (!image) {
      image = Promise.resolve().then(() => this.#draw(renderSvg(spec(this.font.family))));
      this.#pngs.set(key, image);
      image.catch(() => this.#pngs.delete(key));
    }
    return image;
  }

  async #draw(svg: string): Promise<ChartImage> {
    const { font, subsets } = this.#fonts();
    const fontFile = await subsets.fileFor(textOf(svg));
    const family = font.family;
    // Off the event loop: a county chart takes tens of milliseconds to rasterise.
    const rendered = await renderAsync(svg, {
      font: {
        loadSystemFonts: false,
        fontFiles: [fontFile],
        defaultFontFamily: family,
        sansSerifFamily: family,
      },
      background: '#ffffff',
    });
    const png = Buffer.from(rendered.asPng());
    return { png, md5: createHash('md5').update(png).digest('hex') };
  }
}
