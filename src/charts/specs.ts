/**
 * The charts as ECharts options, built from the plain views of `report/dashboard.ts`. The same
 * option draws the PNG sent in the chat and the SVG inlined in the dashboard page. Sizes are for
 * a 750 px wide image that WeCom shows about 350 pt wide on a phone: text is 22 px and up so it
 * stays legible at that scale.
 */
import type { EChartsOption } from 'echarts';
import type { CountyView, TimelinePoint, TownshipView } from '../report/dashboard.js';
import { STATUS_NAMES } from '../report/dashboard.js';
import { formatChineseDate } from '../report/dates.js';
import { deadlineText } from '../report/deadline-text.js';
import type { SectionStatus } from '../report/types.js';
import { chartTexts } from './texts.js';

export interface ChartSpec {
  readonly option: EChartsOption;
  readonly width: number;
  readonly height: number;
}

export const STATUS_COLORS: Readonly<Record<SectionStatus, string>> = {
  done: '#2e9e5b',
  in_progress: '#3b7ddd',
  todo: '#b8bec9',
  skipped: '#e0b44c',
};
const LATE = '#d9453b';
const INK = '#1f2329';
const MUTED = '#5a6270';

/**
 * Positions and text sizes of one rendering. The PNG is 750 px wide; the dashboard draws the same
 * charts narrower with text shrunk less than the layout, so that once the browser fits them to a
 * 375 px phone the labels stay about 13 px.
 */
export interface Sizing {
  readonly width: number;
  /** A layout length (designed for 750 px) at this width. */
  p(n: number): number;
  /** A font size (designed for 750 px) at this width. */
  f(n: number): number;
}

function sizing(width: number, fontScale: number): Sizing {
  const k = width / 750;
  return { width, p: (n) => n * k, f: (n) => Math.round(n * fontScale) };
}

export const PNG_SIZING = sizing(750, 1);
export const PAGE_SIZING = sizing(480, 0.8);

/** `2027-02-28` → `2月28日`. */
export function monthDay(date: string): string {
  return formatChineseDate(date);
}

const base = (fontFamily: string): EChartsOption => ({
  animation: false,
  backgroundColor: '#ffffff',
  textStyle: { fontFamily, color: INK },
});

function title(text: string, subtext: string, late: boolean, z: Sizing): EChartsOption['title'] {
  return {
    text,
    subtext,
    left: z.p(24),
    top: z.p(18),
    textStyle: { fontSize: z.f(32), fontWeight: 'bold', color: INK },
    subtextStyle: { fontSize: z.f(24), color: late ? LATE : MUTED },
    itemGap: z.p(14),
  };
}

/**
 * A chart of one row per item under a headline: where the rows start and the image's height
 * (the headline, the rows, a bottom margin). Lengths as designed for 750 px.
 */
function rowsLayout(
  z: Sizing,
  count: number,
  design: { readonly row: number; readonly top: number },
): { top: number; height: number } {
  const top = z.p(design.top);
  return { top, height: Math.round(top + Math.max(count, 1) * z.p(design.row) + z.p(40)) };
}

/**
 * A township: one bar per section showing how much of it is answered, coloured by its state,
 * under a headline with the count done and the days left.
 */
export function townshipSpec(
  view: TownshipView,
  fontFamily: string,
  z: Sizing = PNG_SIZING,
): ChartSpec {
  const { top, height } = rowsLayout(z, view.sections.length, { row: 54, top: 190 });
  const rows = [...view.sections].reverse();
  const value = (s: TownshipView['sections'][number]) =>
    s.status === 'done' || s.status === 'skipped'
      ? 100
      : Math.round((s.answered / Math.max(s.questions, 1)) * 100);
  const legend = (['done', 'in_progress', 'todo', 'skipped'] as const)
    .map((s) => `${STATUS_NAMES[s]} ${countOf(view, s)}`)
    .join('   ');
  return {
    width: z.width,
    height,
    option: {
      ...base(fontFamily),
      title: title(
        chartTexts.townshipTitle(view.orgName),
        chartTexts.townshipSubtitle(
          view.done,
          view.total,
          deadlineText(view.daysLeft, view.deadline),
        ),
        view.overdue,
        z,
      ),
      graphic: [
        {
          type: 'text',
          left: z.p(24),
          top: z.p(128),
          style: { text: legend, fontSize: z.f(22), fill: MUTED, fontFamily },
        },
      ],
      grid: { left: z.p(320), right: z.p(120), top, bottom: z.p(30) },
      xAxis: { type: 'value', max: 100, show: false },
      yAxis: {
        type: 'category',
        data: rows.map((s) => shortLabel(s.label, 13)),
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: { fontSize: z.f(22), color: INK },
      },
      series: [
        {
          type: 'bar',
          barWidth: z.p(30),
          showBackground: true,
          backgroundStyle: { color: '#eef0f4' },
          data: rows.map((s) => ({
            value: value(s),
            itemStyle: { color: STATUS_COLORS[s.status] },
            label: {
              show: true,
              position: 'right',
              fontSize: z.f(20),
              color: MUTED,
              formatter:
                s.status === 'in_progress'
                  ? `${s.answered}/${s.questions}`
                  : STATUS_NAMES[s.status],
            },
          })),
        },
      ],
    },
  };
}

function countOf(view: TownshipView, status: SectionStatus): number {
  return {
    done: view.done,
    in_progress: view.inProgress,
    todo: view.todo,
    skipped: view.skipped,
  }[status];
}

/** A column heading over two lines when long: `普法宣传活动场次` → `普法宣传\n活动场次`. */
function twoLines(text: string): string {
  const chars = [...text];
  if (chars.length <= 5) return text;
  const half = Math.ceil(chars.length / 2);
  return `${chars.slice(0, half).join('')}\n${shortLabel(chars.slice(half).join(''), 5)}`;
}

/** `一（五）矛盾纠纷预防化解` → `一（五）矛盾纠纷预防化…`: the number stays, the heading is cut. */
function shortLabel(label: string, max = 10): string {
  const chars = [...label];
  return chars.length <= max ? label : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * A county: townships ranked by completion (overdue ones in red), with the two key indicators
 * side by side on the same rows, under a headline with the deadline.
 */
export function countySpec(
  view: CountyView,
  fontFamily: string,
  z: Sizing = PNG_SIZING,
): ChartSpec {
  const { top, height } = rowsLayout(z, view.townships.length, { row: 40, top: 200 });
  const rows = [...view.townships].reverse();
  const names = rows.map((t) => shortLabel(t.name, 6));
  const deadline =
    view.deadline !== undefined && view.daysLeft !== undefined
      ? deadlineText(view.daysLeft, view.deadline)
      : chartTexts.noReportYet;
  const late = view.townships.filter((t) => t.overdue).length;
  const grids = [
    { left: z.p(150), width: z.p(270), top, bottom: z.p(30) },
    { left: z.p(450), width: z.p(140), top, bottom: z.p(30) },
    { left: z.p(600), width: z.p(140), top, bottom: z.p(30) },
  ];
  const header = (left: number, text: string) => ({
    type: 'text' as const,
    left: z.p(left),
    top: top - z.p(70),
    style: {
      text: twoLines(text),
      fontSize: z.f(21),
      lineHeight: z.f(28),
      fontWeight: 'bold' as const,
      fill: MUTED,
      fontFamily,
    },
  });
  const axisLabel = { fontSize: z.f(22), color: INK };
  const category = (gridIndex: number, show: boolean) => ({
    type: 'category' as const,
    gridIndex,
    data: names,
    axisTick: { show: false },
    axisLine: { show: false },
    axisLabel: { ...axisLabel, show },
  });
  const valueLabel = (formatter: (v: number) => string) => ({
    show: true,
    position: 'right' as const,
    fontSize: z.f(19),
    color: MUTED,
    formatter: (p: { value: unknown }) =>
      typeof p.value === 'number' && Number.isFinite(p.value) ? formatter(p.value) : '—',
  });
  const maxCount = Math.max(1, ...view.townships.map((t) => t.count ?? 0));
  return {
    width: z.width,
    height,
    option: {
      ...base(fontFamily),
      title: title(
        chartTexts.countyTitle(view.countyName),
        late > 0
          ? chartTexts.countySubtitleLate(view.finished, view.townships.length, deadline, late)
          : chartTexts.countySubtitle(view.finished, view.townships.length, deadline),
        late > 0,
        z,
      ),
      graphic: [
        header(150, chartTexts.completionHeader),
        header(450, view.indicators.rate),
        header(600, view.indicators.count),
      ],
      grid: grids,
      xAxis: [
        // Room right of a full bar for its `100%`.
        { type: 'value', gridIndex: 0, max: 122, show: false },
        // Bars use about half their column, leaving room for the figure beside them.
        { type: 'value', gridIndex: 1, max: 190, show: false },
        { type: 'value', gridIndex: 2, max: maxCount * 1.9, show: false },
      ],
      yAxis: [category(0, true), category(1, false), category(2, false)],
      series: [
        {
          type: 'bar',
          xAxisIndex: 0,
          yAxisIndex: 0,
          barWidth: z.p(22),
          data: rows.map((t) => ({
            value: t.reportId ? t.percent : 0,
            itemStyle: {
              color: t.overdue ? LATE : t.percent === 100 ? STATUS_COLORS.done : '#3b7ddd',
            },
          })),
          label: {
            show: true,
            position: 'right',
            fontSize: z.f(19),
            color: MUTED,
            formatter: (p: { dataIndex: number }) => {
              const t = rows[p.dataIndex];
              return t?.reportId ? `${t.percent}%` : chartTexts.noReportLabel;
            },
          },
        },
        {
          type: 'bar',
          xAxisIndex: 1,
          yAxisIndex: 1,
          barWidth: z.p(16),
          itemStyle: { color: '#7b61c9' },
          data: rows.map((t) => t.rate ?? null),
          label: valueLabel((v) => `${v}%`),
        },
        {
          type: 'bar',
          xAxisIndex: 2,
          yAxisIndex: 2,
          barWidth: z.p(16),
          itemStyle: { color: '#e58a2e' },
          data: rows.map((t) => t.count ?? null),
          label: valueLabel((v) => `${v}`),
        },
      ],
    },
  };
}

/** Progress over time: share of sections done by week (dashboard pages only). */
export function timelineSpec(
  points: readonly TimelinePoint[],
  fontFamily: string,
  z: Sizing = PNG_SIZING,
  heading: string = chartTexts.timelineHeading,
): ChartSpec {
  return {
    width: z.width,
    height: Math.round(z.p(380)),
    option: {
      ...base(fontFamily),
      title: {
        text: heading,
        left: z.p(24),
        top: z.p(12),
        textStyle: { fontSize: z.f(26), fontWeight: 'bold', color: INK },
      },
      grid: { left: z.p(80), right: z.p(40), top: z.p(80), bottom: z.p(60) },
      xAxis: {
        type: 'category',
        data: points.map((p) => monthDay(p.date)),
        axisLabel: { fontSize: z.f(18), color: MUTED },
      },
      yAxis: {
        type: 'value',
        max: 100,
        axisLabel: { fontSize: z.f(18), color: MUTED, formatter: '{value}%' },
      },
      series: [
        {
          type: 'line',
          data: points.map((p) => p.percent),
          symbolSize: z.p(10),
          lineStyle: { width: z.p(4), color: '#3b7ddd' },
          itemStyle: { color: '#3b7ddd' },
          areaStyle: { color: 'rgba(59,125,221,0.12)' },
          label: { show: true, fontSize: z.f(16), color: MUTED, formatter: '{c}%' },
        },
      ],
    },
  };
}
