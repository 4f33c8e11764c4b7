import type { MultipartFile, MultipartValue } from '@fastify/multipart';

type Body = Record<string, unknown> | undefined | null;

/**
 * A form field as text, from a urlencoded body (strings) or a multipart one (field objects); the first
 * value when a name is repeated.
 */
export function field(body: unknown, name: string): string {
  const v = (body as Body)?.[name];
  const one = Array.isArray(v) ? v[0] : v;
  if (typeof one === 'string') return one;
  // JSON bodies of the API carry numbers and booleans; the same parsers read them.
  if (typeof one === 'number' || typeof one === 'boolean') return String(one);
  if (one && typeof one === 'object' && (one as MultipartValue).type === 'field') return String((one as MultipartValue).value ?? '');
  return '';
}

/** Every value of a repeated field (checkboxes). */
export function fields(body: unknown, name: string): string[] {
  const v = (body as Body)?.[name];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.map((x) => (typeof x === 'string' ? x : x && typeof x === 'object' && (x as MultipartValue).type === 'field' ? String((x as MultipartValue).value ?? '') : '')).filter(Boolean);
}

/** An uploaded file of a multipart body, with its bytes. */
export async function upload(body: unknown, name: string): Promise<{ name: string; data: Buffer } | undefined> {
  const v = (body as Body)?.[name];
  const f = (Array.isArray(v) ? v[0] : v) as MultipartFile | undefined;
  if (!f || typeof f !== 'object' || f.type !== 'file' || !f.filename) return undefined;
  const data = await f.toBuffer();
  if (!data.length) return undefined;
  return { name: f.filename, data };
}

/** The query string as plain strings. */
export function query(q: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((q as Record<string, unknown>) ?? {})) if (typeof v === 'string') out[k] = v;
  return out;
}

/** Several fields as text, to refill a form that came back with errors. */
export const fieldValues = (body: unknown, names: string[]): Record<string, string> => Object.fromEntries(names.map((k) => [k, field(body, k)]));
