import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { toTable, type SheetRow, type Table } from '../../core/imports/table.ts';
import { files as t } from '../../core/locales/zh-CN/imports.ts';
import { readCsv } from './read-csv.ts';
import { readXlsx } from './read-xlsx.ts';

/** A file problem worth showing the admin as is (zh-CN). */
export class FileReadError extends Error {}

export type SheetSource = string | { name: string; data: Buffer };

/** Raw rows of an .xlsx or .csv file (a path, or an upload's name and bytes). */
export async function readSheet(src: SheetSource): Promise<SheetRow[]> {
  const name = typeof src === 'string' ? src : src.name;
  const ext = extname(name).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.csv') throw new FileReadError(t.unsupported(basename(name)));
  if (typeof src === 'string') {
    const st = await stat(src).catch(() => undefined);
    if (!st?.isFile()) throw new FileReadError(t.notFound(src));
  }
  try {
    if (ext === '.csv') return await readCsv(typeof src === 'string' ? await readFile(src) : src.data);
    return await readXlsx(typeof src === 'string' ? src : src.data);
  } catch (e) {
    if (e instanceof FileReadError) throw e;
    throw new FileReadError(t.unreadable(basename(name)), { cause: e });
  }
}

/** Headers (first non-blank row) and rows of a file, cells keyed by header. */
export async function readTable(src: SheetSource): Promise<Table> {
  return toTable(await readSheet(src));
}
