import type { LoadedCampaign } from '../../../core/campaign/load.ts';
import type { YearSummary } from '../../../core/ledger/summary.ts';
import { consoleText as t } from '../../../core/locales/zh-CN/console.ts';
import { subjectName } from '../../../core/locales/zh-CN/imports.ts';
import { report as tr } from '../../../core/locales/zh-CN/report.ts';
import type { AuditEntry, Binding, Trainee } from '../../../core/ports.ts';
import { completionText, examsText, missingText, type ReportRow } from '../../../core/report/build.ts';
import { html } from '../html.ts';
import { csrfField, page, type PageContext } from '../layout.ts';
import { auditTable, type Names } from './audit.ts';
import { hrs, when, withQuery } from './format.ts';

const tt = t.trainees;
export type StatusFilter = keyof typeof tt.statuses;

export interface TraineeListRow {
  id: number;
  name: string;
  unit: string;
  level: string;
  row?: ReportRow;
}

export function traineeListView(ctx: PageContext, o: { campaign: LoadedCampaign; rows: TraineeListRow[]; total: number; q: string; level: string; status: StatusFilter; page: number; pageSize: number }) {
  const b = ctx.base;
  const c = t.cols;
  const sel = (on: boolean) => (on ? html`selected` : '');
  const link = (p: number) => withQuery(`${b}/trainees`, { q: o.q, level: o.level, status: o.status === 'all' ? undefined : o.status, page: p > 1 ? p : undefined });
  return page(ctx, {
    title: tt.title,
    active: 'trainees',
    body: html`<h1>${tt.title}</h1>
<div class="card"><form class="row" method="get" action="${b}/trainees">
<label>${t.search}<input name="q" value="${o.q}" placeholder="${tt.searchPlaceholder}" data-testid="trainee-search"></label>
<label>${c.level}<select name="level"><option value="">${t.allLevels}</option>${o.campaign.levels.map((l) => html`<option value="${l.level}" ${sel(o.level === l.level)}>${l.level}</option>`)}</select></label>
<label>${tt.status}<select name="status">${(Object.keys(tt.statuses) as StatusFilter[]).map((k) => html`<option value="${k}" ${sel(o.status === k)}>${tt.statuses[k]}</option>`)}</select></label>
<button type="submit">${t.search}</button></form></div>
<div class="card"><p class="muted">${tt.found(o.total)}</p>
${
  o.rows.length
    ? html`<table data-testid="trainees"><thead><tr><th class="num">${c.id}</th><th>${c.name}</th><th>${c.unit}</th><th>${c.level}</th><th>${c.nickname}</th><th class="num">${c.publicHours}</th><th class="num">${c.professionalHours}</th><th class="num">${c.totalHours}</th><th>${c.exams}</th><th>${c.status}</th><th>${c.missing}</th></tr></thead><tbody>
${o.rows.map(
  (r) =>
    html`<tr><td class="num">${r.id}</td><td><a href="${b}/trainees/${r.id}">${r.name}</a></td><td>${r.unit}</td><td>${r.level}</td>${
      r.row
        ? html`<td>${tr.nickname[r.row.nickname]}</td><td class="num">${hrs(r.row.publicHours)}</td><td class="num">${hrs(r.row.professionalHours)}</td><td class="num">${hrs(r.row.totalHours)}</td><td>${examsText(r.row)}</td><td><span class="tag ${r.row.complete ? 'ok' : 'warn'}">${completionText(r.row)}</span></td><td>${missingText(r.row)}</td>`
        : html`<td colspan="7" class="muted">${tt.statuses.inactive}</td>`
    }</tr>`,
)}</tbody></table>
<div class="pager">${o.page > 1 ? html`<a href="${link(o.page - 1)}">${t.prev}</a>` : ''}<span class="muted">${t.page(o.page)}</span>${o.page * o.pageSize < o.total ? html`<a href="${link(o.page + 1)}">${t.next}</a>` : ''}</div>`
    : html`<p class="muted">${tt.none}</p>`
}</div>`,
  });
}

export function traineeDetailView(
  ctx: PageContext,
  o: { campaign: LoadedCampaign; trainee: Trainee; summary: YearSummary; missing: string[]; exemption?: { reason: string; approvalRef: string }; bindings: Binding[]; history: Array<AuditEntry & { id: number }>; names: Names; errors?: string[] },
) {
  const { trainee: p, summary: s, campaign } = o;
  const b = `${ctx.base}/trainees/${p.id}`;
  const c = t.cols;
  const tz = campaign.timezone;
  const sel = (on: boolean) => (on ? html`selected` : '');
  const subjectSelect = html`<select name="subject"><option value="professional">${subjectName.professional}</option><option value="public">${subjectName.public}</option></select>`;
  return page(ctx, {
    title: tt.detail(p.name),
    active: 'trainees',
    body: html`<h1>${tt.detail(p.name)}${p.active ? '' : html` <span class="tag">${tt.statuses.inactive}</span>`}</h1>
${o.errors?.length ? html`<div class="flash error">${o.errors.join(' ')}</div>` : ''}
<div class="grid two">
<div class="card" data-testid="trainee-summary"><h2>${tt.year(campaign.year)}</h2>
<table><tbody>
<tr><th>${c.publicHours}</th><td class="num">${hrs(s.publicHours)} / ${campaign.requirement.publicHours}</td></tr>
<tr><th>${c.professionalHours}</th><td class="num">${hrs(s.professionalHours)} / ${campaign.requirement.professionalHours}</td></tr>
<tr><th>${c.totalHours}</th><td class="num" data-testid="trainee-total">${hrs(s.totalHours)} / ${campaign.requirement.totalHours}</td></tr>
<tr><th>${c.exams}</th><td>${s.exams.length ? s.exams.map((e) => html`${tr.exam(subjectName[e.subject], e.score, e.passed)} `) : t.none}</td></tr>
<tr><th>${c.status}</th><td data-testid="trainee-status">${s.exempt ? tr.exempt(s.exemptReason) : s.complete ? tr.complete : tr.incomplete}${o.exemption ? html` <span class="muted small">${t.fmt.labelled(c.approvalRef, o.exemption.approvalRef)}</span>` : ''}</td></tr>
<tr><th>${c.missing}</th><td>${t.fmt.clauses(o.missing) || t.none}</td></tr>
</tbody></table></div>
<div class="card"><h2>${tt.editTitle}</h2>
<form class="stack" method="post" action="${b}" data-testid="trainee-edit">${csrfField(ctx)}
<label>${c.name}<br><input name="name" value="${p.name}" required maxlength="100"></label>
<label>${c.level}<br><select name="level">${campaign.levels.map((l) => html`<option value="${l.level}" ${sel(p.level === l.level)}>${l.level}</option>`)}</select></label>
<label>${c.unit}<br><input name="unit" value="${p.unit}" maxlength="200"></label>
<label>${c.phoneTail}<br><input name="phoneTail" value="${p.phoneTail}" maxlength="4" pattern="\\d{4}"></label>
<label><input type="checkbox" name="active" value="1" ${p.active ? html`checked` : ''}> ${tt.activeLabel}</label>
<p class="muted small">${t.fmt.labelled(c.idMasked, p.idMasked || t.none)}</p>
<button type="submit">${t.save}</button></form></div>
</div>
<div class="grid two">
<div class="card"><h2>${tt.bindings}</h2>
${
  o.bindings.length
    ? html`<table data-testid="bindings"><thead><tr><th>${c.platform}</th><th>${c.account}</th><th>${c.boundBy}</th><th>${c.boundAt}</th><th></th></tr></thead><tbody>
${o.bindings.map(
  (x) =>
    html`<tr><td>${x.platform}</td><td>${x.accountId}</td><td>${x.boundBy}</td><td>${when(x.boundAt, tz)}</td><td><form class="inline" method="post" action="${b}/unbind" data-confirm="${tt.unbindConfirm}">${csrfField(ctx)}<input type="hidden" name="platform" value="${x.platform}"><input type="hidden" name="accountId" value="${x.accountId}"><button class="link" type="submit">${tt.unbind}</button></form></td></tr>`,
)}</tbody></table>`
    : html`<p class="muted">${tt.noBindings}</p>`
}</div>
<div class="card"><h2>${tt.exam}</h2>
<form class="row" method="post" action="${b}/exam">${csrfField(ctx)}<label>${c.subject}${subjectSelect}</label><label>${c.score}<input name="score" type="number" min="0" max="100" step="0.1" required></label><button type="submit">${t.save}</button></form>
<h2 class="spaced">${t.adjustments.title}</h2>
<form class="row" method="post" action="${b}/adjust" data-testid="adjust-form">${csrfField(ctx)}<label>${c.subject}${subjectSelect}</label><label>${t.adjustments.delta}<input name="delta" type="number" step="0.5" required></label><label>${t.adjustments.reason}<input name="reason" required maxlength="500"></label><button type="submit">${t.adjustments.submit}</button></form>
<h2 class="spaced">${t.exemptions.title}</h2>
${
  o.exemption
    ? html`<p>${tr.exempt(o.exemption.reason)} · ${t.fmt.labelled(c.approvalRef, o.exemption.approvalRef)}</p>
<form class="row" method="post" action="${b}/revoke-exemption" data-confirm="${t.exemptions.revokeConfirm}">${csrfField(ctx)}<label>${t.exemptions.revokeNote}<input name="note" required maxlength="500"></label><button class="danger" type="submit">${t.exemptions.revoke}</button></form>`
    : html`<form class="row" method="post" action="${b}/exempt" data-testid="exempt-form">${csrfField(ctx)}<label>${t.exemptions.reason}<select name="reason" data-testid="exempt-reason">${campaign.exemptionReasons.map((r) => html`<option value="${r}">${r}</option>`)}</select></label><label>${t.exemptions.approvalRef}<input name="approvalRef" required maxlength="200" data-testid="exempt-ref"></label><button type="submit" data-testid="exempt-submit">${t.exemptions.grant}</button></form>`
}
</div></div>
<div class="card"><h2>${tt.history}</h2>${auditTable(ctx, o.history, tz, o.names)}
<p><a href="${withQuery(`${ctx.base}/audit`, { target: `trainee:${p.id}` })}">${t.audit.title}</a></p></div>`,
  });
}
