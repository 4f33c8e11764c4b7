import type { LoadedCampaign } from '../../../core/campaign/load.ts';
import type { Dashboard, LevelDashboard } from '../../../core/dashboard/build.ts';
import { consoleText as t } from '../../../core/locales/zh-CN/console.ts';
import { barChart } from '../charts/histogram.ts';
import { progressChart } from '../charts/progress.ts';
import { html, raw } from '../html.ts';
import { page, type PageContext } from '../layout.ts';
import { hrs, pct, when, withQuery } from './format.ts';

const d = t.dashboard;

export interface UpcomingReminder {
  at: Date;
  text: string;
  target: string;
}

function stat(label: string, value: string, sub: string, testId: string) {
  return html`<div class="stat" data-testid="${testId}"><div class="label">${label}</div><div class="value">${value}</div><div class="sub">${sub}</div></div>`;
}

function stats(l: LevelDashboard) {
  const n = l.trainees;
  return html`<div class="grid stats">
${stat(d.trainees, String(n), l.level ?? t.allLevels, 'stat-trainees')}
${stat(d.renamed, pct(l.renamed, n), d.ofTrainees(l.renamed, n), 'stat-renamed')}
${stat(d.bound, pct(l.bound, n), d.ofTrainees(l.bound, n), 'stat-bound')}
${stat(d.complete, pct(l.complete, n), d.ofTrainees(l.complete, n), 'stat-complete')}
${stat(d.examsPassed, pct(l.examsPassed, n), d.ofTrainees(l.examsPassed, n), 'stat-exams')}
${stat(d.exempt, String(l.exempt), d.ofTrainees(l.exempt, n), 'stat-exempt')}
${stat(d.averageHours, hrs(l.averageHours), d.axisHours, 'stat-average')}
</div>`;
}

function hoursChart(l: LevelDashboard, required: number) {
  const bars = l.hours.map((b) => {
    const label = d.binLabel(b.from, b.to);
    return { label, value: b.count, title: d.binTitle(label, b.count), done: b.to === null };
  });
  return raw(barChart(bars, { label: d.hoursChart, xAxis: d.axisHours, yAxis: d.axisPeople, marker: bars.length - 1, testId: 'hours-chart' }));
}

export function dashboardView(
  ctx: PageContext,
  o: { campaign: LoadedCampaign; dash: Dashboard; level: string | null; reminders: UpcomingReminder[]; renderMs?: number },
) {
  const { campaign, dash } = o;
  const b = ctx.base;
  const l = (o.level && dash.levels.find((x) => x.level === o.level)) || dash.total;
  const tz = campaign.timezone;
  const tabs = html`<div class="tabs" role="tablist" aria-label="${d.levelTabs}">
<a href="${b}/" class="${l.level === null ? 'on' : ''}">${t.allLevels}</a>
${dash.levels.map((x) => html`<a href="${withQuery(`${b}/`, { level: x.level ?? '' })}" class="${l.level === x.level ? 'on' : ''}">${x.level} <span class="muted small">${x.trainees}</span></a>`)}
</div>`;
  const completion =
    l.level === null
      ? html`<div class="card chart"><h2>${d.completionChart}</h2>${raw(
          progressChart(
            dash.levels.map((x) => ({ label: x.level ?? '', done: x.complete, total: x.trainees, title: t.fmt.labelled(x.level ?? '', `${x.complete}/${x.trainees}`) })),
            { label: d.completionChart, testId: 'completion-chart' },
          ),
        )}</div>`
      : '';
  const atRisk = html`<div class="card"><h2>${d.atRisk}</h2>
${
  l.atRiskCount
    ? html`<p class="muted">${d.atRiskCount(l.atRisk.length, l.atRiskCount)} <a href="${withQuery(`${b}/trainees`, { status: 'incomplete', level: l.level ?? '' })}">${d.atRiskAll}</a></p>
<table data-testid="at-risk"><thead><tr><th>${t.cols.name}</th><th>${t.cols.unit}</th><th>${t.cols.level}</th><th class="num">${t.cols.totalHours}</th><th>${t.cols.missing}</th></tr></thead><tbody>
${l.atRisk.map((r) => html`<tr><td><a href="${b}/trainees/${r.traineeId}">${r.name}</a></td><td>${r.unit}</td><td>${r.level}</td><td class="num">${hrs(r.totalHours)}</td><td>${r.missing}</td></tr>`)}
</tbody></table>`
    : html`<p class="muted">${d.noneAtRisk}</p>`
}</div>`;
  const deadlines = html`<div class="card"><h2>${d.deadlines}</h2>
${
  dash.deadlines.length
    ? html`<table data-testid="deadlines"><tbody>${dash.deadlines
        .filter((w) => !l.level || !w.levels.length || w.levels.includes(l.level))
        .map(
          (w) =>
            html`<tr><td>${w.title}</td><td class="muted">${w.start} ~ ${w.end}</td><td><span class="tag ${w.state === 'open' && w.days <= 3 ? 'bad' : w.state === 'open' ? 'warn' : ''}">${w.state === 'open' ? d.deadlineOpen(w.days) : d.deadlineUpcoming(w.days)}</span></td></tr>`,
        )}</tbody></table>`
    : html`<p class="muted">${d.noDeadlines}</p>`
}
<h3>${d.reminders}</h3>
${
  o.reminders.length
      ? html`<table data-testid="upcoming-reminders"><tbody>${o.reminders.map((r) => html`<tr><td class="muted">${when(r.at, tz)}</td><td>${r.text}</td><td class="small">${r.target}</td></tr>`)}</tbody></table>`
      : html`<p class="muted">${d.noReminders}</p>`
}
<h3>${d.groups}</h3>
${l.groups.length ? html`<ul>${l.groups.map((g) => html`<li>${g.title || g.chatId} <span class="muted small">${g.platform}${g.level ? ` · ${g.level}` : ''}</span></li>`)}</ul>` : html`<p class="muted small">${d.noGroups}</p>`}
</div>`;
  return page(ctx, {
    title: d.title,
    active: 'dashboard',
    body: html`<h1>${d.title}</h1><p class="muted">${d.campaign(campaign.name, campaign.document.number)}</p>
${tabs}${stats(l)}
<div class="grid two spaced">
<div><div class="card chart"><h2>${d.hoursChart}</h2><p class="muted small">${d.hoursChartDesc(campaign.requirement.totalHours)}</p>${hoursChart(l, campaign.requirement.totalHours)}</div>${completion}</div>
${deadlines}
</div>
${atRisk}
${o.renderMs !== undefined ? html`<p class="muted small" data-testid="render-ms">${d.renderedIn(o.renderMs)}</p>` : ''}`,
  });
}
