import type { LoadedCampaign } from '../../../core/campaign/load.ts';
import { consoleText as t } from '../../../core/locales/zh-CN/console.ts';
import { subjectName } from '../../../core/locales/zh-CN/imports.ts';
import type { AuditEntry, Trainee } from '../../../core/ports.ts';
import { html } from '../html.ts';
import { csrfField, page, type PageContext } from '../layout.ts';
import { auditTable, type Names } from './audit.ts';
import { when } from './format.ts';

export interface FormState {
  values: Record<string, string>;
  errors: string[];
  candidates: Trainee[];
}

const blank: FormState = { values: {}, errors: [], candidates: [] };

function problems(ctx: PageContext, f: FormState) {
  if (!f.errors.length) return '';
  return html`<div class="flash error" data-testid="form-errors">${f.errors.join(' ')}${
    f.candidates.length ? html`<ul>${f.candidates.map((c) => html`<li><a href="${ctx.base}/trainees/${c.id}">${c.id} · ${t.fmt.person(c.name, c.level, c.unit)}</a></li>`)}</ul>` : ''
  }</div>`;
}

export function exemptionsView(
  ctx: PageContext,
  o: { campaign: LoadedCampaign; list: Array<{ traineeId: number; reason: string; approvalRef: string; approvedBy: string; createdAt: Date }>; names: Names; form?: FormState },
) {
  const f = o.form ?? blank;
  const te = t.exemptions;
  const c = t.cols;
  const v = (k: string) => f.values[k] ?? '';
  return page(ctx, {
    title: te.title,
    active: 'exemptions',
    body: html`<h1>${te.title}</h1><p class="muted">${te.intro}</p>
<div class="card"><h2>${te.grant}</h2>${problems(ctx, f)}
<form class="row" method="post" action="${ctx.base}/exemptions">${csrfField(ctx)}
<label>${te.trainee}<input name="trainee" value="${v('trainee')}" required data-testid="exempt-trainee"></label>
<label>${te.reason}<select name="reason" data-testid="exempt-reason">${o.campaign.exemptionReasons.map((r) => html`<option value="${r}" ${v('reason') === r ? html`selected` : ''}>${r}</option>`)}</select></label>
<label>${te.approvalRef}<input name="approvalRef" value="${v('approvalRef')}" required maxlength="200" data-testid="exempt-ref"></label>
<button type="submit" data-testid="exempt-submit">${te.grant}</button></form></div>
<div class="card">${
      o.list.length
        ? html`<table data-testid="exemptions"><thead><tr><th>${c.name}</th><th>${c.level}</th><th>${c.unit}</th><th>${te.reason}</th><th>${c.approvalRef}</th><th>${c.approvedBy}</th><th>${c.at}</th></tr></thead><tbody>
${o.list.map((e) => {
  const n = o.names.get(e.traineeId);
  return html`<tr><td><a href="${ctx.base}/trainees/${e.traineeId}">${n?.name ?? e.traineeId}</a></td><td>${n?.level ?? ''}</td><td>${n?.unit ?? ''}</td><td>${e.reason}</td><td>${e.approvalRef}</td><td>${e.approvedBy}</td><td class="muted">${when(e.createdAt, o.campaign.timezone)}</td></tr>`;
})}</tbody></table>`
        : html`<p class="muted">${te.none}</p>`
    }</div>`,
  });
}

export function adjustmentsView(ctx: PageContext, o: { campaign: LoadedCampaign; recent: Array<AuditEntry & { id: number }>; names: Names; form?: FormState }) {
  const f = o.form ?? blank;
  const ta = t.adjustments;
  const v = (k: string) => f.values[k] ?? '';
  return page(ctx, {
    title: ta.title,
    active: 'adjustments',
    body: html`<h1>${ta.title}</h1><p class="muted">${ta.intro}</p>
<div class="card">${problems(ctx, f)}
<form class="row" method="post" action="${ctx.base}/adjustments">${csrfField(ctx)}
<label>${ta.trainee}<input name="trainee" value="${v('trainee')}" required data-testid="adjust-trainee"></label>
<label>${ta.subject}<select name="subject"><option value="professional">${subjectName.professional}</option><option value="public" ${v('subject') === 'public' ? html`selected` : ''}>${subjectName.public}</option></select></label>
<label>${ta.delta}<input name="delta" type="number" step="0.5" value="${v('delta')}" required data-testid="adjust-delta"></label>
<label>${ta.reason}<input name="reason" value="${v('reason')}" maxlength="500" data-testid="adjust-reason"></label>
<button type="submit" data-testid="adjust-submit">${ta.submit}</button></form></div>
<div class="card"><h2>${ta.recent}</h2>${o.recent.length ? auditTable(ctx, o.recent, o.campaign.timezone, o.names) : html`<p class="muted">${ta.none}</p>`}</div>`,
  });
}
