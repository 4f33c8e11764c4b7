import { normaliseName } from './normalise.ts';

export interface RosterName {
  id: number;
  name: string;
  nameKey: string;
  unit: string;
  phoneTail: string;
}

export type ComplianceResult =
  /** The nickname names exactly one roster entry. */
  | { status: 'ok'; traineeId: number; suffix: string }
  /** The nickname is a roster name, but several entries share it and the suffix does not tell which. */
  | { status: 'ambiguous'; candidates: number[] }
  /** The nickname is not a roster name (or a forbidden suffix). */
  | { status: 'noncompliant' };

/** Split "张三-网信办" / "张三（网信办）" / "张三 网信办" into name and suffix at the first separator. */
export function splitNickname(raw: string): { name: string; suffix: string } | null {
  const s = raw.normalize('NFKC').trim();
  const m = /^(.+?)\s*(?:[-_—–/|]|[（(]|\s)\s*(.+?)\s*[)）]?$/u.exec(s);
  if (!m) return null;
  return { name: m[1], suffix: m[2] };
}

/** Does the suffix point at this entry (its unit, or its phone tail)? */
function suffixMatches(suffix: string, e: RosterName): boolean {
  const s = normaliseName(suffix);
  if (!s) return false;
  if (e.phoneTail && s.includes(e.phoneTail)) return true;
  const unit = normaliseName(e.unit);
  return Boolean(unit) && (unit.includes(s) || s.includes(unit));
}

/**
 * Check a nickname against the roster entries that share its name key.
 * `byKey(key)` returns the roster entries with that normalised name.
 */
export function checkNickname(
  nickname: string,
  byKey: (key: string) => RosterName[],
  opts: { allowSuffix: boolean },
): ComplianceResult {
  const whole = normaliseName(nickname);
  if (!whole) return { status: 'noncompliant' };
  const exact = byKey(whole);
  if (exact.length === 1) return { status: 'ok', traineeId: exact[0].id, suffix: '' };
  if (exact.length > 1) return { status: 'ambiguous', candidates: exact.map((e) => e.id) };
  if (!opts.allowSuffix) return { status: 'noncompliant' };
  const parts = splitNickname(nickname);
  if (!parts) return { status: 'noncompliant' };
  const named = byKey(normaliseName(parts.name));
  if (named.length === 0) return { status: 'noncompliant' };
  if (named.length === 1) return { status: 'ok', traineeId: named[0].id, suffix: parts.suffix };
  const hit = named.filter((e) => suffixMatches(parts.suffix, e));
  if (hit.length === 1) return { status: 'ok', traineeId: hit[0].id, suffix: parts.suffix };
  return { status: 'ambiguous', candidates: (hit.length ? hit : named).map((e) => e.id) };
}
