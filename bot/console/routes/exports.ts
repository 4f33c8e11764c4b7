import type { FastifyInstance } from 'fastify';
import { consoleText as t } from '../../../core/locales/zh-CN/console.ts';
import { buildReport } from '../../../core/report/build.ts';
import { localDate } from '../../../core/time.ts';
import { reportCsv, reportXlsx } from '../../files/write-report.ts';
import type { ConsoleDeps } from '../deps.ts';
import { html } from '../html.ts';
import { page } from '../layout.ts';
import { pageContext } from '../request.ts';

/** RFC 5987 file name, so the Chinese name survives every browser. */
export const attachment = (name: string) => `attachment; filename="report.${name.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function reportFileName(deps: ConsoleDeps, ext: 'xlsx' | 'csv') {
  const { campaign, clock } = deps.core;
  return `${t.exports.fileName(campaign.id, localDate(clock.now(), campaign.timezone))}.${ext}`;
}

export async function exportRoutes(app: FastifyInstance, deps: ConsoleDeps) {
  const { core } = deps;
  app.get('/exports', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const te = t.exports;
    const body = page(ctx, {
      title: te.title,
      active: 'exports',
      body: html`<h1>${te.title}</h1><div class="card"><p class="muted">${te.intro}</p>
<div class="actions"><a class="button" href="${ctx.base}/exports/report.xlsx" data-testid="export-xlsx" download>${te.xlsx}</a><a class="button secondary" href="${ctx.base}/exports/report.csv" data-testid="export-csv" download>${te.csv}</a></div></div>`,
    });
    return reply.type('text/html; charset=utf-8').send(body.value);
  });
  app.get('/exports/report.xlsx', async (_req, reply) => {
    const buf = await reportXlsx(await buildReport(core, deps.reports));
    return reply.header('content-disposition', attachment(reportFileName(deps, 'xlsx'))).header('cache-control', 'no-store').type(XLSX_TYPE).send(buf);
  });
  app.get('/exports/report.csv', async (_req, reply) => {
    const buf = await reportCsv(await buildReport(core, deps.reports));
    return reply.header('content-disposition', attachment(reportFileName(deps, 'csv'))).header('cache-control', 'no-store').type('text/csv; charset=utf-8').send(buf);
  });
}
