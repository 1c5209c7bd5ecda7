/**
 * The dashboard pages as server-rendered HTML: charts inlined as SVG, styles inline, no script
 * and nothing fetched from elsewhere, so they open in WeCom's in-app browser inside a government
 * network. Laid out for a 375 px phone first; wider screens get two columns.
 */
import { monthDay } from '../charts/specs.js';
import { deadlineText } from '../report/deadline-text.js';
import type { CountyView, TownshipView } from '../report/dashboard.js';
import { STATUS_NAMES } from '../report/dashboard.js';
import { httpTexts } from './texts.js';

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const e = escapeHtml;

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f2329;background:#f3f5f8;font-size:16px;line-height:1.6}
header{background:#1d5fbf;color:#fff;padding:16px}
header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;opacity:.9;font-size:14px}
main{max-width:1100px;margin:0 auto;padding:12px}
section{background:#fff;border-radius:8px;padding:12px;margin:0 0 12px}
section h2{font-size:17px;margin:0 0 8px}
.chart svg{width:100%;height:auto;display:block}
.stats{display:grid;grid-template-columns:repeat(2,1fr);gap:8px}
.stat{background:#f3f5f8;border-radius:6px;padding:8px}
.stat b{display:block;font-size:22px}
.late{color:#d9453b}
table{width:100%;border-collapse:collapse;font-size:14px}
th,td{text-align:left;padding:6px 4px;border-bottom:1px solid #eef0f4;vertical-align:top}
td:first-child{white-space:nowrap}
th{color:#5a6270;font-weight:normal}
.num{text-align:right;white-space:nowrap}
.bar{background:#eef0f4;border-radius:3px;height:8px;min-width:60px}
.bar i{display:block;background:#3b7ddd;height:8px;border-radius:3px}
a{color:#1d5fbf}
footer{color:#5a6270;font-size:12px;text-align:center;padding:12px}
@media (min-width:900px){.cols{display:grid;grid-template-columns:1fr 1fr;gap:12px}.stats{grid-template-columns:repeat(4,1fr)}}
`;

function page(title: string, subtitle: string, body: string, expiresAt: Date): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${e(title)}</title><style>${STYLE}</style></head>
<body><header><h1>${e(title)}</h1><p>${e(subtitle)}</p></header>
<main>${body}</main>
<footer>${httpTexts.footer(e(shortDate(expiresAt)))}</footer>
</body></html>`;
}

/** `12月8日 10:00` in Shanghai time. */
function shortDate(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3600 * 1000).toISOString();
  return `${monthDay(local.slice(0, 10))} ${local.slice(11, 16)}`;
}

function stat(label: string, value: string, late = false): string {
  return `<div class="stat${late ? ' late' : ''}"><span>${e(label)}</span><b>${e(value)}</b></div>`;
}

function bar(percent: number): string {
  return `<div class="bar" role="img" aria-label="${percent}%"><i style="width:${Math.max(0, Math.min(100, percent))}%"></i></div>`;
}

export interface CountyPageInput {
  readonly view: CountyView;
  readonly charts: { readonly ranking: string; readonly timeline: string };
  /** Township page link per org id. */
  readonly townshipLinks: ReadonlyMap<string, string>;
  /** Draft download link per org id, for those with a draft. */
  readonly draftLinks: ReadonlyMap<string, string>;
  readonly expiresAt: Date;
}

export function countyPage(input: CountyPageInput): string {
  const { view, charts } = input;
  const late = view.townships.filter((t) => t.overdue).length;
  const deadline =
    view.deadline && view.daysLeft !== undefined
      ? deadlineText(view.daysLeft, view.deadline)
      : httpTexts.noReportYet;
  const stats = `<section class="stats">
${stat(httpTexts.statOrgsFinished, `${view.finished}/${view.townships.length}`)}
${stat(httpTexts.statReports, `${view.withReport}`)}
${stat(httpTexts.deadline, deadline)}
${stat(httpTexts.statOrgsLate, `${late}`, late > 0)}
</section>`;
  const rows = view.townships
    .map((t) => {
      const name = input.townshipLinks.get(t.orgId);
      const draft = input.draftLinks.get(t.orgId);
      const owing =
        t.owing.map((o) => httpTexts.owingSections(e(o.who), o.sections)).join('、') || '—';
      const days =
        t.daysLeft === undefined
          ? '—'
          : t.daysLeft >= 0
            ? httpTexts.daysLeft(t.daysLeft)
            : httpTexts.daysLate(-t.daysLeft);
      return `<tr><td>${name ? `<a href="${e(name)}">${e(t.name)}</a>` : e(t.name)}</td>
<td class="num">${t.reportId ? `${t.percent}%${bar(t.percent)}` : httpTexts.noReport}</td>
<td class="num${t.overdue ? ' late' : ''}">${days}</td>
<td>${owing}</td>
<td>${draft ? `<a href="${e(draft)}">${httpTexts.download}</a>` : '—'}</td></tr>`;
    })
    .join('\n');
  const totals = view.totals
    .map(
      (t) =>
        `<tr><td>${e(t.metric.name)}</td><td class="num">${t.hedged ? httpTexts.totalHedged(t.value, e(t.metric.unit)) : `${t.value}${e(t.metric.unit)}`}</td><td class="num">${t.orgs}</td></tr>`,
    )
    .join('\n');
  const rates = view.rates
    .map(
      (r) =>
        `<tr><td>${httpTexts.rateOfTotals(e(r.name))}</td><td class="num">${r.rate}%</td><td></td></tr>`,
    )
    .join('\n');
  const body = `${stats}
<div class="cols">
<section class="chart"><h2>${httpTexts.chartRanking}</h2>${charts.ranking}</section>
<section class="chart"><h2>${httpTexts.chartCountyTimeline}</h2>${charts.timeline}</section>
</div>
<section><h2>${httpTexts.orgsHeading}</h2><div style="overflow-x:auto"><table>
<thead><tr><th>${httpTexts.colOrg}</th><th class="num">${httpTexts.colPercent}</th><th class="num">${httpTexts.deadline}</th><th>${httpTexts.colOwing}</th><th>${httpTexts.colLatestDraft}</th></tr></thead>
<tbody>${rows}</tbody></table></div></section>
<section><h2>${httpTexts.totalsHeading}</h2>${
    totals
      ? `<div style="overflow-x:auto"><table><thead><tr><th>${httpTexts.colMetric}</th><th class="num">${httpTexts.colTotal}</th><th class="num">${httpTexts.colOrgsReporting}</th></tr></thead><tbody>${totals}${rates}</tbody></table></div>`
      : `<p>${httpTexts.noTotals}</p>`
  }</section>`;
  return page(
    httpTexts.countyTitle(view.countyName),
    httpTexts.asOf(monthDay(view.today)),
    body,
    input.expiresAt,
  );
}

export interface TownshipPageInput {
  readonly view: TownshipView;
  readonly charts: { readonly sections: string; readonly timeline: string };
  readonly draftLink?: string;
  readonly expiresAt: Date;
}

export function townshipPage(input: TownshipPageInput): string {
  const { view, charts } = input;
  const stats = `<section class="stats">
${stat(httpTexts.statDone, `${view.done}/${view.total}`)}
${stat(httpTexts.statInProgress, `${view.inProgress}`)}
${stat(httpTexts.statTodo, `${view.todo}`)}
${stat(httpTexts.deadline, deadlineText(view.daysLeft, view.deadline), view.overdue)}
</section>`;
  const sections = view.sections
    .map(
      (s) =>
        `<tr><td>${e(s.label)}</td><td>${STATUS_NAMES[s.status]}</td><td>${e(s.who)}</td><td class="num">${s.answered}/${s.questions}</td></tr>`,
    )
    .join('\n');
  const owing = view.owing
    .map((o) => `<li>${e(o.who)}：${o.sections.map(e).join('；')}</li>`)
    .join('\n');
  const figures = view.figures
    .map((f) => `<tr><td>${e(f.name)}</td><td class="num">${e(f.text)}</td></tr>`)
    .join('\n');
  const body = `${stats}
<div class="cols">
<section class="chart"><h2>${httpTexts.chartSections}</h2>${charts.sections}</section>
<section class="chart"><h2>${httpTexts.chartTimeline}</h2>${charts.timeline}</section>
</div>
<section><h2>${httpTexts.owingHeading}</h2>${owing ? `<ul>${owing}</ul>` : `<p>${httpTexts.allDone}</p>`}</section>
<section><h2>${httpTexts.sectionsHeading}</h2><table><thead><tr><th>${httpTexts.colSection}</th><th>${httpTexts.colStatus}</th><th>${httpTexts.colWho}</th><th class="num">${httpTexts.colAnswered}</th></tr></thead><tbody>${sections}</tbody></table></section>
<section><h2>${httpTexts.figuresHeading}</h2>${figures ? `<table><tbody>${figures}</tbody></table>` : `<p>${httpTexts.noFigures}</p>`}</section>
<section><h2>${httpTexts.draftHeading}</h2>${input.draftLink ? `<p><a href="${e(input.draftLink)}">${httpTexts.downloadLatestDraft}</a></p>` : `<p>${httpTexts.noDraft}</p>`}</section>`;
  return page(
    view.title,
    `${view.orgName} · ${httpTexts.asOf(monthDay(view.today))}`,
    body,
    input.expiresAt,
  );
}

/** A page for a link that no longer works, in the same look. */
export function refusedPage(message: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,"><title>${httpTexts.linkUnusable}</title><style>${STYLE}</style></head><body><header><h1>${httpTexts.linkUnusable}</h1></header><main><section><p>${e(message)}</p></section></main></body></html>`;
}
