import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { CoreContext } from '../../core/context.ts';
import { consoleText as t } from '../../core/locales/zh-CN/console.ts';
import { dashboardStore } from '../../db/stores/dashboard.ts';
import { attendanceWriter } from '../../db/stores/imports.ts';
import { reportStore } from '../../db/stores/report.ts';
import type { Database } from '../../db/types.ts';
import type { Config } from '../config.ts';
import { resolveAccess } from './access.ts';
import { apiRoutes } from './api/index.ts';
import { assetRoutes, loadAssets } from './assets.ts';
import type { ConsoleDeps } from './deps.ts';
import { field } from './form.ts';
import { PendingImports } from './pending.ts';
import { disabledRoutes } from './routes/disabled.ts';
import { webRoutes } from './routes/index.ts';

export interface ConsoleOptions {
  core: CoreContext;
  config: Config;
  database: Database;
  /** Where the one-time token goes in sandbox mode (stdout by default: the admin's own terminal). */
  announce?: (text: string) => void;
}

const MAX_UPLOAD = 20 * 1024 * 1024;

/**
 * The administrator console under its prefix (`/admin`): HTML pages for people, a JSON API for scripts.
 * Everything here is encapsulated: helmet, cookies, CSRF and body parsers apply to the console only.
 */
export async function consoleRoutes(app: FastifyInstance, opts: ConsoleOptions) {
  const base = app.prefix;
  const access = resolveAccess(opts.config);
  const assets = loadAssets();
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        'style-src': ["'self'"],
        'script-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        // Intranet installs often run plain HTTP: upgrading would break every asset and form.
        'upgrade-insecure-requests': null,
      },
    },
    // Downloads and the login redirect stay on this origin; nothing needs a referrer.
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(assetRoutes, { assets });
  if (access.mode === 'disabled') {
    await app.register(disabledRoutes, { base, assets, reason: t.disabled.noToken });
    return;
  }
  await app.register(cookie, { secret: access.cookieSecret });
  await app.register(formbody);
  await app.register(multipart, { attachFieldsToBody: true, limits: { fileSize: MAX_UPLOAD, files: 1, fields: 20 } });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'cebot_csrf',
    cookieOpts: { path: base, httpOnly: true, sameSite: 'strict', signed: true },
    // Form field (urlencoded or multipart) or header; never the query string, which ends up in logs.
    getToken: (req) => field(req.body, '_csrf') || (req.headers['x-csrf-token'] as string | undefined) || '',
  });

  if (access.mode === 'one-time') {
    const announce = opts.announce ?? ((s: string) => process.stdout.write(s));
    let told = false;
    // Printed when the server listens (not merely built, as in tests), once: it is the admin's own secret.
    app.addHook('onListen', async function () {
      if (told) return;
      told = true;
      const addr = this.server.address();
      const url = typeof addr === 'object' && addr ? `http://${addr.address.includes(':') ? `[${addr.address}]` : addr.address}:${addr.port}${base}/` : `${base}/`;
      announce(`\n${t.oneTimeToken(url.replace('0.0.0.0', '127.0.0.1'), access.token)}`);
    });
  }

  const deps: ConsoleDeps = {
    core: opts.core,
    reports: reportStore(opts.database.db),
    dash: dashboardStore(opts.database.db),
    attendance: attendanceWriter(opts.database.db),
    access,
    assets,
    pending: new PendingImports(),
    base,
  };
  await app.register(apiRoutes, { prefix: '/api', deps });
  await app.register(webRoutes, deps);
}
