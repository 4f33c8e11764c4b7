import { consoleText as t } from '../../core/locales/zh-CN/console.ts';
import { html, type Html, type Renderable } from './html.ts';

export interface Flash {
  kind: 'ok' | 'error' | 'info';
  text: string;
}

/** What every page needs from the request: where the console lives, who is signed in, the form token. */
export interface PageContext {
  base: string;
  assetVersion: string;
  admin?: string;
  csrf: string;
  flash?: Flash;
}

export type NavKey = Exclude<keyof typeof t.nav, 'signedInAs' | 'logout' | 'apiDocs'>;

const NAV: Array<[NavKey, string]> = [
  ['dashboard', '/'],
  ['imports', '/imports'],
  ['sessions', '/sessions'],
  ['trainees', '/trainees'],
  ['exemptions', '/exemptions'],
  ['adjustments', '/adjustments'],
  ['reminders', '/reminders'],
  ['audit', '/audit'],
  ['exports', '/exports'],
];

export const csrfField = (ctx: PageContext) => html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;

export const flashBox = (f?: Flash) => (f ? html`<div class="flash ${f.kind}" role="status" data-testid="flash">${f.text}</div>` : '');

/** The page shell: head, navigation, the flash message, the body. */
export function page(ctx: PageContext, o: { title: string; active?: NavKey; body: Renderable }): Html {
  const b = ctx.base;
  return html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${o.title} · ${t.appTitle}</title>
<link rel="stylesheet" href="${b}/assets/console.css?v=${ctx.assetVersion}">
<script src="${b}/assets/console.js?v=${ctx.assetVersion}" defer></script>
</head><body>
<header class="top"><div class="brand">${t.appTitle}</div>
${
  ctx.admin
    ? html`<nav>${NAV.map(([k, p]) => html`<a href="${b}${p}" class="${o.active === k ? 'on' : ''}">${t.nav[k]}</a>`)}<a href="${b}/api/docs" target="_blank" rel="noopener">${t.nav.apiDocs}</a></nav>
<div class="who"><span data-testid="admin-name">${t.nav.signedInAs(ctx.admin)}</span><form class="inline" method="post" action="${b}/logout">${csrfField(ctx)}<button type="submit">${t.nav.logout}</button></form></div>`
    : ''
}
</header>
<main>${flashBox(ctx.flash)}${o.body}</main>
</body></html>`;
}

/** A page with only a message (errors, refusals, the disabled console). */
export function messagePage(ctx: PageContext, title: string, text: string, kind: Flash['kind'] = 'error'): Html {
  return page({ ...ctx, flash: undefined }, { title, body: html`<h1>${title}</h1><div class="flash ${kind}" data-testid="message">${text}</div>${ctx.admin ? html`<p><a href="${ctx.base}/">${t.back}</a></p>` : ''}` });
}
