/**
 * The dashboard pages as server-rendered HTML: charts inlined as SVG, styles inline, no script
 * and nothing fetched from elsewhere, so they open in WeCom's in-app browser inside a government
 * network. Laid out for a 375 px phone first; wider screens get two columns.
 */
import { daysLeftText, monthDay } from '../charts/specs.js';
import type { CountyView, TownshipView } from '../report/dashboard.js';
import { STATUS_NAMES } from '../report/dashboard.js';

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
<footer>本页链接 ${e(shortDate(expiresAt))} 前有效，请勿转发到群外。数据随填报实时更新，刷新即可看到最新进度。</footer>
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
      ? daysLeftText(view.daysLeft, view.deadline)
      : '尚无报告';
  const stats = `<section class="stats">
${stat('已完成单位', `${view.finished}/${view.townships.length}`)}
${stat('已建报告', `${view.withReport}`)}
${stat('截止', deadline)}
${stat('逾期单位', `${late}`, late > 0)}
</section>`;
  const rows = view.townships
    .map((t) => {
      const name = input.townshipLinks.get(t.orgId);
      const draft = input.draftLinks.get(t.orgId);
      const owing = t.owing.map((o) => `${e(o.who)} ${o.sections} 项`).join('、') || '—';
      const days =
        t.daysLeft === undefined
          ? '—'
          : t.daysLeft >= 0
            ? `剩 ${t.daysLeft} 天`
            : `逾期 ${-t.daysLeft} 天`;
      return `<tr><td>${name ? `<a href="${e(name)}">${e(t.name)}</a>` : e(t.name)}</td>
<td class="num">${t.reportId ? `${t.percent}%${bar(t.percent)}` : '未建报告'}</td>
<td class="num${t.overdue ? ' late' : ''}">${days}</td>
<td>${owing}</td>
<td>${draft ? `<a href="${e(draft)}">下载</a>` : '—'}</td></tr>`;
    })
    .join('\n');
  const totals = view.totals
    .map(
      (t) =>
        `<tr><td>${e(t.metric.name)}</td><td class="num">${t.value}${t.hedged ? '余' : ''}${e(t.metric.unit)}</td><td class="num">${t.orgs}</td></tr>`,
    )
    .join('\n');
  const rates = view.rates
    .map(
      (r) => `<tr><td>${e(r.name)}（按合计计算）</td><td class="num">${r.rate}%</td><td></td></tr>`,
    )
    .join('\n');
  const body = `${stats}
<div class="cols">
<section class="chart"><h2>各单位完成度与主要指标</h2>${charts.ranking}</section>
<section class="chart"><h2>全县完成进度</h2>${charts.timeline}</section>
</div>
<section><h2>各单位情况</h2><div style="overflow-x:auto"><table>
<thead><tr><th>单位</th><th class="num">完成度</th><th class="num">截止</th><th>待完成（谁 几项）</th><th>最新草稿</th></tr></thead>
<tbody>${rows}</tbody></table></div></section>
<section><h2>主要数据合计</h2>${
    totals
      ? `<div style="overflow-x:auto"><table><thead><tr><th>指标</th><th class="num">合计</th><th class="num">填报单位数</th></tr></thead><tbody>${totals}${rates}</tbody></table></div>`
      : '<p>各单位还没有填写可汇总的数据。</p>'
  }</section>`;
  return page(`${view.countyName}·全县进度`, `截至 ${monthDay(view.today)}`, body, input.expiresAt);
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
${stat('已完成', `${view.done}/${view.total}`)}
${stat('填写中', `${view.inProgress}`)}
${stat('未开始', `${view.todo}`)}
${stat('截止', daysLeftText(view.daysLeft, view.deadline), view.overdue)}
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
<section class="chart"><h2>各部分进度</h2>${charts.sections}</section>
<section class="chart"><h2>完成进度</h2>${charts.timeline}</section>
</div>
<section><h2>谁还欠哪些</h2>${owing ? `<ul>${owing}</ul>` : '<p>各部分均已完成。</p>'}</section>
<section><h2>各部分</h2><table><thead><tr><th>部分</th><th>状态</th><th>负责人</th><th class="num">已答</th></tr></thead><tbody>${sections}</tbody></table></section>
<section><h2>已收集的主要数据</h2>${figures ? `<table><tbody>${figures}</tbody></table>` : '<p>还没有填写数字。</p>'}</section>
<section><h2>草稿</h2>${input.draftLink ? `<p><a href="${e(input.draftLink)}">下载最新草稿（.docx）</a></p>` : '<p>还没有生成草稿。在群里 @助手 发送“生成草稿”即可。</p>'}</section>`;
  return page(view.title, `${view.orgName} · 截至 ${monthDay(view.today)}`, body, input.expiresAt);
}

/** A page for a link that no longer works, in the same look. */
export function refusedPage(message: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,"><title>链接不可用</title><style>${STYLE}</style></head><body><header><h1>链接不可用</h1></header><main><section><p>${e(message)}</p></section></main></body></html>`;
}
