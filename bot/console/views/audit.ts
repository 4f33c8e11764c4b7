import type { AuditEntry } from '../../../core/ports.ts';
import { consoleText as t } from '../../../core/locales/zh-CN/console.ts';
import type { Trainee } from '../../../core/ports.ts';
import { html } from '../html.ts';
import { page, type PageContext } from '../layout.ts';
import { when, withQuery } from './format.ts';

const ta = t.audit;
export const actionLabel = (a: string) => ta.actions[a] ?? a;

const json = (v: unknown) => (v === undefined || v === null ? '' : JSON.stringify(v, null, 1));

export type Names = Map<number, { name: string; level: string; unit: string }>;

function target(ctx: PageContext, raw: string, names: Names) {
  const m = /^trainee:(\d+)$/.exec(raw);
  if (m) {
    const n = names.get(Number(m[1]));
    return html`<a href="${ctx.base}/trainees/${m[1]}">${n ? t.fmt.person(n.name, n.level) : raw}</a>`;
  }
  const s = /^session:(\d+)$/.exec(raw);
  if (s) return html`<a href="${ctx.base}/sessions/${s[1]}/edit">${raw}</a>`;
  return raw;
}

export function auditTable(ctx: PageContext, entries: Array<AuditEntry & { id: number }>, tz: string, names: Names) {
  if (!entries.length) return html`<p class="muted">${ta.none}</p>`;
  const c = t.cols;
  return html`<table data-testid="audit"><thead><tr><th>${c.at}</th><th>${c.actor}</th><th>${c.action}</th><th>${c.target}</th><th>${c.before}</th><th>${c.after}</th></tr></thead><tbody>
${entries.map(
  (e) =>
    html`<tr class="${e.allowed === false ? 'bad' : ''}"><td class="muted">${when(e.at, tz)}</td><td>${e.actor}</td><td>${actionLabel(e.action)}${e.allowed === false ? html` <span class="tag bad">${ta.refused}</span>` : ''}</td><td>${target(ctx, e.target ?? '', names)}</td><td><pre class="json">${json(e.before)}</pre></td><td><pre class="json">${json(e.after)}</pre></td></tr>`,
)}</tbody></table>`;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  person?: string;
  target?: string;
  page: number;
}

export function auditView(
  ctx: PageContext,
  o: { entries: Array<AuditEntry & { id: number }>; tz: string; names: Names; facets: { actors: string[]; actions: string[] }; filter: AuditFilter; personChoices: Trainee[]; personMissing: boolean; hasMore: boolean },
) {
  const f = o.filter;
  const b = ctx.base;
  const sel = (on: boolean) => (on ? html`selected` : '');
  const link = (page: number) => withQuery(`${b}/audit`, { actor: f.actor, action: f.action, person: f.person, target: f.target, page: page > 1 ? page : undefined });
  return page(ctx, {
    title: ta.title,
    active: 'audit',
    body: html`<h1>${ta.title}</h1>
<div class="card"><form class="row" method="get" action="${b}/audit">
<label>${ta.person}<input name="person" value="${f.person ?? ''}" data-testid="audit-person"></label>
<label>${ta.actor}<select name="actor" data-testid="audit-actor"><option value="">${ta.allActors}</option>${o.facets.actors.map((a) => html`<option value="${a}" ${sel(a === f.actor)}>${a}</option>`)}</select></label>
<label>${ta.action}<select name="action" data-testid="audit-action"><option value="">${ta.allActions}</option>${o.facets.actions.map((a) => html`<option value="${a}" ${sel(a === f.action)}>${actionLabel(a)}</option>`)}</select></label>
${f.target ? html`<input type="hidden" name="target" value="${f.target}">` : ''}
<button type="submit">${t.filter}</button></form>
${o.personMissing ? html`<p class="flash error">${ta.personNotFound}</p>` : ''}
${
  o.personChoices.length
    ? html`<p>${ta.personAmbiguous(o.personChoices.length)} ${o.personChoices.map((p) => html`<a href="${withQuery(`${b}/audit`, { actor: f.actor, action: f.action, target: `trainee:${p.id}` })}">${t.fmt.person(p.name, p.level, p.unit)}</a> `)}</p>`
    : ''
}
</div>
<div class="card">${auditTable(ctx, o.entries, o.tz, o.names)}
<div class="pager">${f.page > 1 ? html`<a href="${link(f.page - 1)}">${t.prev}</a>` : ''}<span class="muted">${t.page(f.page)}</span>${o.hasMore ? html`<a href="${link(f.page + 1)}">${t.next}</a>` : ''}</div></div>`,
  });
}
