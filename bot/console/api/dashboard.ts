import type { FastifyInstance } from 'fastify';
import { loadDashboard } from '../../../core/dashboard/load.ts';
import { buildReport } from '../../../core/report/build.ts';
import { reportCsv, reportXlsx } from '../../files/write-report.ts';
import type { ConsoleDeps } from '../deps.ts';
import { XLSX_TYPE, attachment, reportFileName } from '../routes/exports.ts';
import { anyObject, security } from './schemas.ts';

export async function dashboardApi(app: FastifyInstance, deps: ConsoleDeps) {
  const { core } = deps;
  app.get(
    '/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'Dashboard figures per level and for the whole campaign',
        description: 'Trainees, renamed/bound/complete/exempt counts, exams passed, hours histogram, at-risk list (most behind first), upcoming windows.',
        querystring: { type: 'object', properties: { atRiskLimit: { type: 'integer', minimum: 0, maximum: 100000, default: 50 } } },
        security,
        response: { 200: anyObject('Dashboard: { generatedAt, levels[], total, deadlines[] }') },
      },
    },
    async (req) => {
      const { atRiskLimit } = req.query as { atRiskLimit: number };
      return loadDashboard(core, deps.dash, { atRiskLimit });
    },
  );

  app.get(
    '/report',
    {
      schema: {
        tags: ['report'],
        summary: 'Compliance report (姓名, 单位, 级别, 昵称状态, 公需, 专业, 总学时, 考试, 完成情况, 缺少)',
        description: 'format=json (rows and per-level summary), xlsx (summary sheet + one sheet per level) or csv (UTF-8 with BOM).',
        querystring: { type: 'object', properties: { format: { type: 'string', enum: ['json', 'xlsx', 'csv'], default: 'json' }, level: { type: 'string' } } },
        security,
      },
    },
    async (req, reply) => {
      const { format, level } = req.query as { format: 'json' | 'xlsx' | 'csv'; level?: string };
      const report = await buildReport(core, deps.reports, level ? { level } : {});
      if (format === 'xlsx') return reply.header('content-disposition', attachment(reportFileName(deps, 'xlsx'))).type(XLSX_TYPE).send(await reportXlsx(report));
      if (format === 'csv') return reply.header('content-disposition', attachment(reportFileName(deps, 'csv'))).type('text/csv; charset=utf-8').send(await reportCsv(report));
      return report;
    },
  );
}
