import type { ChartImage } from '../../charts/render.js';
import {
  countyView,
  townshipView,
  type CountyView,
  type TownshipView,
} from '../../report/dashboard.js';
import { shanghaiDate } from '../../report/dates.js';
import type { Logger } from '../../logger.js';
import type { Request } from '../apply.js';
import type { CountyData, CountyReader } from '../county-reader.js';
import type { ImageReply } from '../requests.js';
import type { ReportSnapshot } from './snapshot.js';

/** Draws the chat's chart PNGs (src/charts' ChartRenderer, cached by the view it draws). */
export interface ChartDrawer {
  townshipPng(view: TownshipView): Promise<ChartImage>;
  countyPng(view: CountyView): Promise<ChartImage>;
}

export interface ChartDeps {
  /** Absent: replies carry no chart. */
  readonly charts?: ChartDrawer;
  readonly log?: Pick<Logger, 'warn'>;
}

/**
 * The charts under 进度, 汇总 and the county views. A chart that cannot be drawn (no CJK font
 * on this machine) leaves the reply without it: the text says everything the chart shows.
 */
export class ChatCharts {
  readonly #deps: ChartDeps;

  constructor(deps: ChartDeps) {
    this.#deps = deps;
  }

  /** A township's sections by state against the days left. */
  township(s: Omit<ReportSnapshot, 'org'>, now: Date): Promise<ImageReply[]> {
    return this.#draw((c) =>
      c.townshipPng(
        townshipView({
          report: s.report,
          template: s.template,
          answers: s.answers,
          members: s.members,
          now,
        }),
      ),
    );
  }

  /** Townships ranked by completion, with the deadline and the key indicators. */
  county(data: CountyData, now: Date): Promise<ImageReply[]> {
    return this.#draw((c) => c.countyPng(countyView(data.county.name, data.entries, now)));
  }

  async #draw(png: (charts: ChartDrawer) => Promise<ChartImage>): Promise<ImageReply[]> {
    const charts = this.#deps.charts;
    if (!charts) return [];
    try {
      const image = await png(charts);
      return [{ kind: 'image', png: image.png, md5: image.md5 }];
    } catch (err) {
      this.#deps.log?.warn({ err }, 'chart not drawn; the reply goes without it');
      return [];
    }
  }
}

/**
 * `进度` in a group: the org's report chart, from the scope the turn has just read (cached).
 * The chart is kept with the cached scope it was drawn from, per day: a busy group asking 进度
 * again costs a lookup, not a view, a hash and a PNG lookup (a new scope object after any write
 * draws afresh).
 */
export function chartHandler(
  charts: ChatCharts,
  reader: CountyReader,
): (req: Extract<Request, { op: 'requestChart' }>) => Promise<ImageReply[]> {
  const drawn = new WeakMap<object, { day: string; images: Promise<ImageReply[]> }>();
  return async (req) => {
    const raw = await reader.rawScope(req.orgId);
    const day = shanghaiDate(req.at);
    const kept = drawn.get(raw);
    if (kept?.day === day) return kept.images;
    const scope = reader.inOfficeWords(raw);
    if (!scope.report || scope.report.id !== req.reportId || !scope.template) return [];
    const images = charts.township(
      {
        report: scope.report,
        template: scope.template,
        answers: scope.answers,
        members: scope.members,
      },
      req.at,
    );
    drawn.set(raw, { day, images });
    return images;
  };
}
