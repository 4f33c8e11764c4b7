import type { LoadedCampaign } from '../../../core/campaign/load.ts';
import { consoleText as t } from '../../../core/locales/zh-CN/console.ts';
import { reminders as tr } from '../../../core/locales/zh-CN/reminders.ts';
import type { ChatInfo } from '../../../core/ports.ts';
import type { AdminReminderState, AdminReminderView } from '../../../core/reminders/admin.ts';
import type { PreviewRow } from '../../../core/reminders/preview.ts';
import { localDateTime } from '../../../core/time.ts';
import { html } from '../html.ts';
import { csrfField, page, type PageContext } from '../layout.ts';
import { targetText, whatText } from '../reminders-source.ts';
import { when, withQuery } from './format.ts';

const ts = t.reminders;

export function stateText(v: AdminReminderView): string {
  const c = v.counts;
  const labels: Record<AdminReminderState, string> = {
    pending: tr.statusPending,
    cancelled: tr.statusCancelled,
    sending: tr.statusSending,
    sent: tr.statusSent(c.sent ?? 0),
    failed: tr.statusFailed(c.failed ?? 0),
    missed: tr.statusMissed,
  };
  return labels[v.state];
}

export function scopeText(r: AdminReminderView['reminder'], chats: ChatInfo[]): string {
  if (r.chatId) {
    const g = chats.find((c) => c.platform === r.platform && c.chatId === r.chatId);
    return g ? tr.cliGroup(g.title || g.chatId, g.platform, g.level ?? '') : `${r.platform}:${r.chatId}`;
  }
  return r.level ? ts.scopeLevel(r.level) : ts.scopeAll;
}

export function remindersView(
  ctx: PageContext,
  o: { campaign: LoadedCampaign; plan: PreviewRow[]; range: { from: Date; to: Date }; days: number; texts: boolean; admin: AdminReminderView[]; chats: ChatInfo[]; now: Date; form?: { errors: string[]; values: Record<string, string> } },
) {
  const b = ctx.base;
  const tz = o.campaign.timezone;
  const c = t.cols;
  const v = (k: string) => o.form?.values[k] ?? '';
  const bound = o.chats.filter((g) => g.level);
  const sel = (on: boolean) => (on ? html`selected` : '');
  const defaultAt = localDateTime(new Date(o.now.getTime() + 3_600_000), tz).replace(' ', 'T');
  return page(ctx, {
    title: ts.title,
    active: 'reminders',
    body: html`<h1>${ts.title}</h1><p class="muted">${ts.intro}</p>
<div class="card"><h2>${ts.add}</h2>
${o.form?.errors.length ? html`<div class="flash error" data-testid="form-errors">${o.form.errors.join(' ')}</div>` : ''}
<form class="row" method="post" action="${b}/reminders" data-testid="reminder-form">${csrfField(ctx)}
<label>${ts.at}<input type="datetime-local" name="at" value="${v('at') || defaultAt}" required data-testid="reminder-at"></label>
<label>${ts.scope}<select name="scope" data-testid="reminder-scope"><option value="all">${ts.scopeAll}</option>
${o.campaign.levels.map((l) => html`<option value="level:${l.level}" ${sel(v('scope') === `level:${l.level}`)}>${ts.scopeLevel(l.level)}</option>`)}
${bound.map((g) => html`<option value="chat:${g.platform}:${g.chatId}" ${sel(v('scope') === `chat:${g.platform}:${g.chatId}`)}>${tr.cliGroup(g.title || g.chatId, g.platform, g.level ?? '')}</option>`)}
</select></label>
<label>${ts.text}<textarea name="text" rows="2" cols="50" maxlength="500" required data-testid="reminder-text">${v('text')}</textarea></label>
<button type="submit" data-testid="reminder-submit">${ts.add}</button></form></div>

<div class="card"><h2>${ts.custom}</h2>
${
  o.admin.length
    ? html`<table data-testid="admin-reminders"><thead><tr><th class="num">${c.id}</th><th>${ts.at}</th><th>${ts.scope}</th><th>${ts.text}</th><th>${ts.state}</th><th>${ts.createdBy}</th><th></th></tr></thead><tbody>
${o.admin.map(
  (r) =>
    html`<tr data-reminder="${r.reminder.id}"><td class="num">${r.reminder.id}</td><td>${when(r.reminder.at, tz)}</td><td>${scopeText(r.reminder, o.chats)}</td><td>${r.reminder.text}</td><td><span class="tag ${r.state === 'failed' || r.state === 'missed' ? 'bad' : r.state === 'sent' ? 'ok' : ''}">${stateText(r)}</span></td><td>${r.reminder.createdBy}</td>
<td>${r.state === 'pending' ? html`<form class="inline" method="post" action="${b}/reminders/${r.reminder.id}/cancel" data-confirm="${ts.cancelConfirm}">${csrfField(ctx)}<button class="link" type="submit">${ts.cancel}</button></form>` : ''}</td></tr>`,
)}</tbody></table>`
    : html`<p class="muted">${ts.none}</p>`
}</div>

<div class="card"><h2>${ts.plan}</h2>
<div class="tabs">${[7, 30, 90].map((d) => html`<a href="${withQuery(`${b}/reminders`, { days: d, texts: o.texts ? 1 : undefined })}" class="${o.days === d ? 'on' : ''}">${ts.days(d)}</a>`)}
<a href="${withQuery(`${b}/reminders`, { days: o.days, texts: o.texts ? undefined : 1 })}" class="${o.texts ? 'on' : ''}">${ts.showTexts}</a></div>
<p class="muted small">${ts.planRange(when(o.range.from, tz), when(o.range.to, tz))}</p>
${
  o.plan.length
    ? html`<table data-testid="reminder-plan"><thead><tr><th>${c.at}</th><th>${c.title}</th><th>${ts.scope}</th>${o.texts ? html`<th>${ts.text}</th>` : ''}</tr></thead><tbody>
${o.plan.map((r) => html`<tr><td class="muted">${when(r.at, tz)}</td><td>${whatText(r)}</td><td class="small">${targetText(r)}</td>${o.texts ? html`<td><pre class="json">${r.text ?? ''}</pre></td>` : ''}</tr>`)}</tbody></table>`
    : html`<p class="muted">${ts.planEmpty}</p>`
}</div>`,
  });
}
