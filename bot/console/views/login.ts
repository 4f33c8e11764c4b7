import { consoleText as t } from '../../../core/locales/zh-CN/console.ts';
import { html } from '../html.ts';
import { csrfField, flashBox, page, type PageContext } from '../layout.ts';

export function loginView(ctx: PageContext, o: { oneTime: boolean; name?: string; next?: string }) {
  return page(
    { ...ctx, admin: undefined, flash: undefined },
    {
      title: t.login.title,
      body: html`<div class="login card">
<h1>${t.login.title}</h1>${flashBox(ctx.flash)}
${o.oneTime ? html`<p class="flash info">${t.login.oneTimeHint}</p>` : ''}
<form class="stack" method="post" action="${ctx.base}/login">${csrfField(ctx)}
<input type="hidden" name="next" value="${o.next ?? ''}">
<label for="token">${t.login.token}</label><input id="token" name="token" type="password" autocomplete="current-password" required data-testid="token">
<label for="name">${t.login.name}</label><input id="name" name="name" value="${o.name ?? ''}" maxlength="30" required data-testid="name">
<div class="muted small">${t.login.nameHint}</div>
<div class="actions"><button type="submit" data-testid="login">${t.login.submit}</button></div>
</form></div>`,
    },
  );
}
