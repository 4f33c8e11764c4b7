import type { LoadedCampaign } from '../../../core/campaign/load.ts';
import { consoleText as t } from '../../../core/locales/zh-CN/console.ts';
import { subjectName } from '../../../core/locales/zh-CN/imports.ts';
import type { Session } from '../../../core/ports.ts';
import { normaliseName } from '../../../core/roster/normalise.ts';
import { splitNickname } from '../../../core/roster/compliance.ts';
import { html, type Html } from '../html.ts';
import type { AnyImportResult } from '../import-runner.ts';
import { csrfField, page, type PageContext } from '../layout.ts';
import type { ImportKindKey, PendingImport } from '../pending.ts';
import { hrs, withQuery } from './format.ts';

const ti = t.imports;

export function importFormView(ctx: PageContext, o: { campaign: LoadedCampaign; sessions: Session[]; kind?: ImportKindKey; sessionId?: number }) {
  const levels = o.campaign.levels.map((l) => l.level);
  return page(ctx, {
    title: ti.title,
    active: 'imports',
    body: html`<h1>${ti.title}</h1><p class="muted">${ti.intro}</p>
<div class="card"><form class="stack" method="post" action="${ctx.base}/imports/preview" enctype="multipart/form-data">${csrfField(ctx)}
<label for="kind">${ti.kind}</label>
<select id="kind" name="kind" data-switch data-testid="import-kind">${(Object.keys(ti.kinds) as ImportKindKey[]).map((k) => html`<option value="${k}" ${o.kind === k ? html`selected` : ''}>${ti.kinds[k]}</option>`)}</select>
<div data-for-kind="attendance"><label for="sessionId">${ti.session}</label>
<select id="sessionId" name="sessionId" data-testid="import-session"><option value="">${ti.chooseSession}</option>${o.sessions.map(
      (s) => html`<option value="${s.id}" ${o.sessionId === s.id ? html`selected` : ''}>${ti.sessionOption(s.id, s.title, s.level ?? t.sessions.allLevels, subjectName[s.subject], hrs(s.hours))}</option>`,
    )}</select></div>
<div data-for-kind="roster exams attendance"><label for="level">${ti.level}</label>
<select id="level" name="level" data-testid="import-level"><option value=""></option>${levels.map((l) => html`<option value="${l}">${l}</option>`)}</select></div>
<div data-for-kind="exams"><label for="subject">${ti.subject}</label>
<select id="subject" name="subject"><option value=""></option><option value="public">${subjectName.public}</option><option value="professional">${subjectName.professional}</option></select></div>
<label for="file">${ti.file}</label><input id="file" type="file" name="file" accept=".xlsx,.csv" required data-testid="import-file">
<div class="actions"><button type="submit" data-testid="import-preview">${ti.preview}</button></div>
</form></div>`,
  });
}

function errorTable(r: AnyImportResult) {
  if (!r.errors.length) return '';
  return html`<div class="card"><h2>${ti.errors}</h2><table data-testid="import-errors"><thead><tr><th class="num">${t.cols.row}</th><th>${t.cols.reason}</th></tr></thead><tbody>
${r.errors.map((e) => html`<tr class="bad"><td class="num">${e.row}</td><td>${e.reason}</td></tr>`)}</tbody></table></div>`;
}

function unmatchedTable(ctx: PageContext, r: AnyImportResult) {
  if (!r.unmatched.length) return '';
  // Search the roster by the name part of the nickname ("张三-网信办" → 张三).
  const nameOf = (nick: string) => splitNickname(nick)?.name ?? normaliseName(nick);
  return html`<div class="card"><h2>${ti.unmatched}</h2><p class="muted">${ti.unmatchedFix}</p>
<table data-testid="import-unmatched"><thead><tr><th class="num">${t.cols.row}</th><th>${t.cols.groupNickname}</th><th>${t.cols.reason}</th><th>${t.cols.actions}</th></tr></thead><tbody>
${r.unmatched.map(
  (u) =>
    html`<tr><td class="num">${u.row}</td><td>${u.nickname}</td><td>${u.reason}</td><td><a href="${withQuery(`${ctx.base}/trainees`, { q: nameOf(u.nickname) })}">${ti.findInRoster}</a> · <a href="${withQuery(`${ctx.base}/imports`, { kind: 'roster' })}">${ti.importRoster}</a></td></tr>`,
)}</tbody></table></div>`;
}

function rowsTable(r: AnyImportResult): Html {
  const c = t.cols;
  if (r.kind === 'roster')
    return html`<table data-testid="import-rows"><thead><tr><th class="num">${c.row}</th><th>${c.name}</th><th>${c.unit}</th><th>${c.level}</th><th>${c.phoneTail}</th><th>${c.idMasked}</th></tr></thead><tbody>
${r.preview.map((p) => html`<tr><td class="num">${p.row}</td><td>${p.name}</td><td>${p.unit}</td><td>${p.level}</td><td>${p.phoneTail}</td><td>${p.idMasked}</td></tr>`)}</tbody></table>`;
  if (r.kind === 'attendance')
    return html`<table data-testid="import-rows"><thead><tr><th class="num">${c.row}</th><th>${t.cols.groupNickname}</th><th>${c.name}</th><th>${c.unit}</th><th>${c.level}</th><th class="num">${c.minutes}</th><th class="num">${c.credit}</th></tr></thead><tbody>
${r.preview.map((p) => html`<tr><td class="num">${t.fmt.list(p.rows)}</td><td>${p.nickname}</td><td>${p.name}</td><td>${p.unit}</td><td>${p.level}</td><td class="num">${p.minutes}</td><td class="num">${hrs(p.hours)}</td></tr>`)}</tbody></table>`;
  return html`<table data-testid="import-rows"><thead><tr><th class="num">${c.row}</th><th>${c.name}</th><th>${c.unit}</th><th>${c.level}</th><th>${c.subject}</th><th class="num">${c.score}</th><th>${c.passed}</th></tr></thead><tbody>
${r.preview.map((p) => html`<tr><td class="num">${p.row}</td><td>${p.name}</td><td>${p.unit}</td><td>${p.level}</td><td>${subjectName[p.subject]}</td><td class="num">${p.score}</td><td>${p.passed ? t.yes : t.no}</td></tr>`)}</tbody></table>`;
}

export function importPreviewView(ctx: PageContext, o: { pending: PendingImport; result: AnyImportResult }) {
  const { pending: p, result: r } = o;
  const committable = r.preview.length > 0;
  const commitForm = (skipBad: boolean, label: string, testId: string, cls = '') =>
    html`<form class="inline" method="post" action="${ctx.base}/imports/commit">${csrfField(ctx)}<input type="hidden" name="id" value="${p.id}">${skipBad ? html`<input type="hidden" name="skipBad" value="1">` : ''}<button type="submit" class="${cls}" data-testid="${testId}">${label}</button></form>`;
  return page(ctx, {
    title: ti.previewTitle(ti.kinds[p.kind], p.fileName),
    active: 'imports',
    body: html`<h1>${ti.previewTitle(ti.kinds[p.kind], p.fileName)}</h1>
<div class="card" data-testid="import-summary"><p>${ti.counts(r.rows, r.preview.length, r.errors.length, r.unmatched.length)} <strong>${ti.nothingWritten}</strong></p>
${r.errors.length ? html`<p class="muted">${ti.fixAndRetry}</p>` : ''}
<div class="actions">
${committable && !r.errors.length ? commitForm(false, ti.commit, 'import-commit') : ''}
${committable && r.errors.length ? commitForm(true, ti.commitSkipping(r.errors.length), 'import-commit-skip', 'secondary') : ''}
${!committable ? html`<span class="muted">${ti.cannotCommit}</span>` : ''}
<a class="button secondary" href="${withQuery(`${ctx.base}/imports`, { kind: p.kind })}">${ti.discard}</a>
</div></div>
${errorTable(r)}${unmatchedTable(ctx, r)}
${r.preview.length ? html`<div class="card"><h2>${t.fmt.counted(ti.rowsToWrite, r.preview.length)}</h2>${rowsTable(r)}</div>` : ''}`,
  });
}

export function importDoneView(ctx: PageContext, o: { pending: PendingImport; result: AnyImportResult }) {
  const { result: r } = o;
  const w = r.written;
  return page(ctx, {
    title: ti.title,
    active: 'imports',
    body: html`<h1>${ti.previewTitle(ti.kinds[o.pending.kind], o.pending.fileName)}</h1>
<div class="flash ${r.applied ? 'ok' : 'error'}" data-testid="import-result">${r.applied ? ti.committed(w.inserted, w.updated, w.unchanged) : ti.refused}</div>
${errorTable(r)}${unmatchedTable(ctx, r)}
<p><a href="${ctx.base}/">${t.nav.dashboard}</a> · <a href="${ctx.base}/imports">${ti.title}</a></p>`,
  });
}
