import type { Level } from '../campaign/schema.ts';
import type { CoreContext } from '../context.ts';
import { imports as t } from '../locales/zh-CN/imports.ts';
import type { NewTrainee } from '../ports.ts';
import { normaliseName } from '../roster/normalise.ts';
import type { Field } from './columns.ts';
import { maskIdNumber, phoneTail } from './identity-numbers.ts';
import { cell, prepare, refused } from './prepare.ts';
import type { ImportInput, ImportOptions, ImportResult, RowIssue } from './result.ts';
import { parseLevel } from './values.ts';

export interface RosterPreviewRow {
  row: number;
  name: string;
  unit: string;
  level: Level;
  phoneTail: string;
  idMasked: string;
}

export interface RosterImportOptions extends ImportOptions {
  /** Level of every row when the file has no level column (rows naming another level are refused). */
  level?: Level;
}

const FIELDS: Field[] = ['name', 'unit', 'level', 'phone', 'idNumber'];

/** Display form of a name: NFKC, trimmed, no padding between Chinese characters ("张  三" → "张三"). */
export const cleanName = (raw: string) =>
  raw.normalize('NFKC').trim().replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, '').replace(/\s+/g, ' ');
export const cleanUnit = (raw: string) => raw.normalize('NFKC').trim().replace(/\s+/g, ' ');

/** Validate a roster file whole: the rows to write, and every bad row with its reason. */
export function validateRoster(
  ctx: Pick<CoreContext, 'campaign'>,
  input: ImportInput,
  opts: Pick<RosterImportOptions, 'level'> = {},
): { rows: number; valid: RosterPreviewRow[]; errors: RowIssue[]; fatal: boolean } {
  const required: Field[][] = opts.level ? [['name']] : [['name'], ['level']];
  const p = prepare(input, FIELDS, required);
  if (!p.ok) return { rows: p.table.rows.length, valid: [], errors: p.errors, fatal: true };
  const { table, cols } = p;
  const levels = ctx.campaign.levels.map((l) => l.level);
  const valid: RosterPreviewRow[] = [];
  const errors: RowIssue[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { rowNumber: row, cells } of table.rows) {
    const reasons: string[] = [];
    const rawName = cell(cells, cols, 'name');
    const name = cleanName(rawName);
    if (!rawName) reasons.push(t.emptyName);
    else if (!normaliseName(name)) reasons.push(t.badName);

    const rawLevel = cell(cells, cols, 'level');
    let level: Level | undefined;
    if (rawLevel) {
      level = parseLevel(rawLevel);
      if (!level || !levels.includes(level)) reasons.push(t.badLevel(levels));
      else if (opts.level && level !== opts.level) reasons.push(t.levelConflict(opts.level));
    } else if (opts.level) level = opts.level;
    else reasons.push(t.emptyLevel);

    let tail = '';
    const rawPhone = cell(cells, cols, 'phone');
    if (rawPhone) {
      const ph = phoneTail(rawPhone);
      if (ph.ok) tail = ph.tail;
      else reasons.push(t.badPhone);
    }
    let idMasked = '';
    const rawId = cell(cells, cols, 'idNumber');
    if (rawId) {
      const id = maskIdNumber(rawId);
      if (id.ok) idMasked = id.masked;
      else reasons.push(id.why === 'checksum' ? t.badIdChecksum : t.badIdFormat);
    }
    const unit = cleanUnit(cell(cells, cols, 'unit'));

    if (!reasons.length) {
      // Same identity twice would make one upsert statement touch a row twice; and it is a mistake anyway.
      const key = `${normaliseName(name)}\u0000${unit}\u0000${tail}`;
      const first = firstRowOf.get(key);
      if (first !== undefined) reasons.push(t.duplicateTrainee(first));
      else firstRowOf.set(key, row);
    }
    if (reasons.length) errors.push({ row, reason: reasons.join('') });
    else valid.push({ row, name, unit, level: level!, phoneTail: tail, idMasked });
  }
  return { rows: table.rows.length, valid, errors, fatal: false };
}

/** Import a registration list: validated whole, then upserted in one transaction with an audit row. */
export async function importRoster(ctx: CoreContext, input: ImportInput, opts: RosterImportOptions): Promise<ImportResult<RosterPreviewRow>> {
  const v = validateRoster(ctx, input, opts);
  const dryRun = Boolean(opts.dryRun);
  if (v.fatal) return refused('roster', v.rows, v.errors, dryRun);
  if (v.errors.length && !opts.skipBad) return { ...refused<RosterPreviewRow>('roster', v.rows, v.errors, dryRun), fileError: false, valid: v.valid.length, preview: v.valid };
  const base = { fileError: false, kind: 'roster' as const, ok: true, dryRun, rows: v.rows, valid: v.valid.length, errors: v.errors, unmatched: [], preview: v.valid };
  if (dryRun) return { ...base, applied: false, written: { inserted: 0, updated: 0, unchanged: 0 } };

  const campaignId = ctx.campaign.id;
  const rows: NewTrainee[] = v.valid.map((r) => ({
    campaignId,
    name: r.name,
    nameKey: normaliseName(r.name),
    level: r.level,
    unit: r.unit,
    phoneTail: r.phoneTail,
    idMasked: r.idMasked,
  }));
  const written = await ctx.stores.tx(async (s) => {
    const w = await s.roster.upsertMany(rows);
    // A re-import that changes nothing leaves no trace, like any other no-op.
    if (w.inserted + w.updated === 0) return w;
    await s.audit.write({
      at: ctx.clock.now(),
      actor: opts.actor,
      action: 'import.roster',
      target: opts.source ?? '',
      after: { ...w, rows: v.rows, skippedBad: v.errors.length, level: opts.level ?? null },
    });
    return w;
  });
  return { ...base, applied: true, written };
}
