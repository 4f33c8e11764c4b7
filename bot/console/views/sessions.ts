import type { LoadedCampaign } from '../../../core/campaign/load.ts';
import { consoleText as t } from '../../../core/locales/zh-CN/console.ts';
import { subjectName } from '../../../core/locales/zh-CN/imports.ts';
import type { Session } from '../../../core/ports.ts';
import { localDateTime } from '../../../core/time.ts';
import { html } from '../html.ts';
import { csrfField, page, type PageContext } from '../layout.ts';
import { sessionState } from '../session-form.ts';
import { hrs, when } from './format.ts';

const ts = t.sessions;
const tag = { upcoming: '', open: 'ok', ended: 'warn', closed: '' } as const;
const inputTime = (d: Date | undefined, tz: string) => (d ? localDateTime(d, tz).replace(' ', 'T') : '');

export function sessionForm(ctx: PageContext, campaign: LoadedCampaign, o: { action: string; submit: string; s?: Partial<Session>; defaults?: { startsAt: Date; endsAt: Date } }) {
  const s = o.s ?? {};
  const tz = campaign.timezone;
  const sel = (on: boolean) => (on ? html`selected` : '');
  return html`<form class="row" method="post" action="${o.action}" data-testid="session-form">${csrfField(ctx)}
<label>${ts.titleLabel}<input name="title" value="${s.title ?? ''}" required maxlength="200" data-testid="session-title"></label>
<label>${ts.level}<select name="level"><option value="">${ts.allLevels}</option>${campaign.levels.map((l) => html`<option value="${l.level}" ${sel(s.level === l.level)}>${l.level}</option>`)}</select></label>
<label>${ts.subject}<select name="subject"><option value="professional" ${sel(s.subject === 'professional')}>${subjectName.professional}</option><option value="public" ${sel(s.subject === 'public')}>${subjectName.public}</option></select></label>
<label>${ts.startsAt}<input type="datetime-local" name="startsAt" value="${inputTime(s.startsAt ?? o.defaults?.startsAt, tz)}" required data-testid="session-starts"></label>
<label>${ts.endsAt}<input type="datetime-local" name="endsAt" value="${inputTime(s.endsAt ?? o.defaults?.endsAt, tz)}" required data-testid="session-ends"></label>
<label>${ts.hours}<input type="number" name="hours" min="0.5" max="100" step="0.5" value="${s.hours ?? ''}" required data-testid="session-hours"></label>
<label>${ts.creditRule}<select name="creditRule" data-testid="session-rule"><option value="checkin" ${sel(s.creditRule === 'checkin')}>${ts.rules.checkin}</option><option value="watchtime" ${sel(s.creditRule === 'watchtime')}>${ts.rules.watchtime}</option></select></label>
<label>${ts.threshold}<input type="number" name="thresholdPercent" min="1" max="100" step="1" value="${s.thresholdPercent ?? ''}"></label>
<button type="submit" data-testid="session-submit">${o.submit}</button></form>`;
}

export function sessionsView(ctx: PageContext, o: { campaign: LoadedCampaign; sessions: Session[]; counts: Map<number, number>; now: Date }) {
  const tz = o.campaign.timezone;
  const b = ctx.base;
  const c = t.cols;
  const defaults = { startsAt: o.now, endsAt: new Date(o.now.getTime() + 2 * 3_600_000) };
  return page(ctx, {
    title: ts.title,
    active: 'sessions',
    body: html`<h1>${ts.title}</h1>
<div class="card"><h2>${ts.create}</h2>${sessionForm(ctx, o.campaign, { action: `${b}/sessions`, submit: ts.create, defaults })}</div>
<div class="card">${
      o.sessions.length
        ? html`<table data-testid="sessions"><thead><tr><th class="num">${c.id}</th><th>${c.title}</th><th>${c.level}</th><th>${c.subject}</th><th>${c.startsAt}</th><th>${c.endsAt}</th><th class="num">${c.hours}</th><th>${c.creditRule}</th><th class="num">${c.attendance}</th><th>${c.state}</th><th>${c.actions}</th></tr></thead><tbody>
${o.sessions.map((s) => {
  const st = sessionState(s, o.now);
  return html`<tr data-session="${s.id}"><td class="num">${s.id}</td><td>${s.title}</td><td>${s.level ?? ts.allLevels}</td><td>${subjectName[s.subject]}</td><td>${when(s.startsAt, tz)}</td><td>${when(s.endsAt, tz)}</td><td class="num">${hrs(s.hours)}</td><td>${ts.rules[s.creditRule]}${s.thresholdPercent ? ` (${s.thresholdPercent}%)` : ''}</td><td class="num">${o.counts.get(s.id) ?? 0}</td><td><span class="tag ${tag[st]}">${ts.states[st]}</span></td>
<td><a href="${b}/sessions/${s.id}/edit">${t.edit}</a>${
    s.closedAt
      ? ''
      : html` · <form class="inline" method="post" action="${b}/sessions/${s.id}/close" data-confirm="${ts.closeConfirm}">${csrfField(ctx)}<button class="link" type="submit">${ts.close}</button></form>`
  } · <a href="${b}/imports?kind=attendance&amp;sessionId=${s.id}">${t.nav.imports}</a></td></tr>`;
})}</tbody></table>`
        : html`<p class="muted">${ts.none}</p>`
    }</div>`,
  });
}

export function sessionEditView(ctx: PageContext, o: { campaign: LoadedCampaign; session: Session; errors?: string[] }) {
  return page(ctx, {
    title: ts.editTitle(o.session.id, o.session.title),
    active: 'sessions',
    body: html`<h1>${ts.editTitle(o.session.id, o.session.title)}</h1>
${o.errors?.length ? html`<div class="flash error">${o.errors.join(' ')}</div>` : ''}
<div class="card">${sessionForm(ctx, o.campaign, { action: `${ctx.base}/sessions/${o.session.id}`, submit: t.save, s: o.session })}</div>
<p><a href="${ctx.base}/sessions">${t.back}</a></p>`,
  });
}
