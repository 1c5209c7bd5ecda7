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
import { countySpec, timelineSpec, townshipSpec, type ChartSpec } from './specs.js';

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

/** Draws the chat images and the dashboard's SVGs. One per process: it holds the font subsets. */
export class ChartRenderer {
  readonly font: CjkFont;
  private readonly subsets: FontSubsets;
  private readonly pngs: LRUCache<string, Promise<ChartImage>>;

  constructor(options: ChartRendererOptions = {}) {
    this.font = options.font ?? findCjkFont();
    this.subsets = new FontSubsets(this.font);
    this.pngs = new LRUCache({ max: options.cacheSize ?? 200 });
  }

  townshipPng(view: TownshipView): Promise<ChartImage> {
    return this.png(`t${JSON.stringify(view)}`, () => townshipSpec(view, this.font.family));
  }

  countyPng(view: CountyView): Promise<ChartImage> {
    return this.png(`c${JSON.stringify(view)}`, () => countySpec(view, this.font.family));
  }

  /** SVGs for the dashboard page, with the phone's own CJK fonts named first. */
  townshipSvg(view: TownshipView): string {
    return renderSvg(townshipSpec(view, PAGE_FONTS));
  }

  countySvg(view: CountyView): string {
    return renderSvg(countySpec(view, PAGE_FONTS));
  }

  timelineSvg(points: readonly TimelinePoint[]): string {
    return renderSvg(timelineSpec(points, PAGE_FONTS));
  }

  close(): void {
    this.subsets.close();
  }

  /** Keyed by the view drawn (the SVG itself differs run to run in its generated ids). */
  private png(view: string, spec: () => ChartSpec): Promise<ChartImage> {
    const key = createHash('sha1').update(view).digest('hex');
    let image = this.pngs.get(key);
    if (!image) {
      image = this.draw(renderSvg(spec()));
      this.pngs.set(key, image);
      image.catch(() => this.pngs.delete(key));
    }
    return image;
  }

  private async draw(svg: string): Promise<ChartImage> {
    const fontFile = await this.subsets.fileFor(textOf(svg));
    const family = this.font.family;
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
