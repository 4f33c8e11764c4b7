import { basename, resolve } from 'node:path';
import type { Subject } from '../../../core/campaign/schema.ts';
import { importExams } from '../../../core/imports/exams.ts';
import type { ImportResult } from '../../../core/imports/result.ts';
import { importRoster } from '../../../core/imports/roster.ts';
import { parseSubject } from '../../../core/imports/values.ts';
import { importWatchTime } from '../../../core/imports/watchtime.ts';
import { cli as t } from '../../../core/locales/zh-CN/cli.ts';
import { imports as it } from '../../../core/locales/zh-CN/imports.ts';
import { attendanceWriter } from '../../../db/stores/imports.ts';
import { readSheet } from '../../files/read.ts';
import { levelOption, parse } from '../args.ts';
import { cliActor, withDatabase } from '../context.ts';
import { UsageError, println, type CliCommand, type CliIo } from '../io.ts';

const KINDS = ['roster', 'attendance', 'exams'] as const;
type Kind = (typeof KINDS)[number];

function subjectOption(v: string | undefined): Subject | undefined {
  if (v === undefined) return undefined;
  const s = parseSubject(v);
  if (!s) throw new UsageError(t.badSubject(v));
  return s;
}

function sessionOption(v: string | undefined): number {
  if (!v || !/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(t.sessionOption);
  return Number(v);
}

/** Counts to stdout; bad rows and the refusal to stderr. Exit 1 when nothing could be written. */
function printResult(io: CliIo, r: ImportResult<unknown>): number {
  const bad = r.errors.length;
  if (r.rows > 0 || r.ok) println(io.stdout, t.importHeadline(it.kindLabel[r.kind], r.rows, r.valid, r.rows - r.valid));
  if (!r.ok) {
    println(io.stderr, r.fileError ? t.fileProblem : t.refused(bad));
    for (const e of r.errors) println(io.stderr, t.rowError(e.row, e.reason));
  } else if (bad) {
    println(io.stderr, t.skippedBad(bad));
    for (const e of r.errors) println(io.stderr, t.rowError(e.row, e.reason));
  }
  if (r.unmatched.length) {
    println(io.stdout, t.unmatchedHeadline(r.unmatched.length));
    for (const u of r.unmatched) println(io.stdout, t.unmatchedRow(u.row, u.nickname, u.reason));
  }
  if (!r.ok) return 1;
  println(io.stdout, r.dryRun ? t.dryRun(r.valid) : t.written(r.written));
  return 0;
}

export const command: CliCommand = {
  async run(args, io) {
    const { values, positionals } = parse(args, {
      session: { type: 'string' },
      level: { type: 'string' },
      subject: { type: 'string' },
      'skip-bad': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
    });
    const [kind, file, ...extra] = positionals;
    if (!kind || !(KINDS as readonly string[]).includes(kind)) throw new UsageError(t.importKind);
    if (!file) throw new UsageError(t.importFile);
    if (extra.length) throw new UsageError(t.unknownOption(extra[0]));
    const level = levelOption(values.level);
    const subject = subjectOption(values.subject);
    const sessionId = kind === 'attendance' ? sessionOption(values.session) : undefined;

    // Read the file before opening the database: a wrong path fails fast.
    const rows = await readSheet(resolve(io.cwd, file));
    const common = { actor: cliActor(io.env), skipBad: Boolean(values['skip-bad']), dryRun: Boolean(values['dry-run']), source: basename(file) };
    const result = await withDatabase(io, async ({ ctx, database }) => {
      switch (kind as Kind) {
        case 'roster':
          return importRoster(ctx, rows, { ...common, level });
        case 'attendance':
          return importWatchTime(ctx, attendanceWriter(database.db), rows, { ...common, sessionId: sessionId!, level });
        case 'exams':
          return importExams(ctx, rows, { ...common, level, subject });
      }
    });
    return printResult(io, result);
  },
};
