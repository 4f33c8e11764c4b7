/**
 * Phone and ID numbers from a roster: validated, then reduced to what may be kept (PRODUCT.md: phone tail
 * only, ID masked except its last 4). The full numbers never leave this module.
 */

export type PhoneCheck = { ok: true; tail: string } | { ok: false };
export type IdCheck = { ok: true; masked: string } | { ok: false; why: 'format' | 'checksum' };

/** Mobile (11 digits, optionally +86) or landline with area code (7–12 digits). */
export function phoneTail(raw: string): PhoneCheck {
  let d = raw.normalize('NFKC').replace(/[\s\-()（）.]/g, '');
  if (d.startsWith('+86')) d = d.slice(3);
  else if (/^86\d{11}$/.test(d)) d = d.slice(2);
  if (!/^\d{7,12}$/.test(d)) return { ok: false };
  if (d.length === 11 && d.startsWith('1') && !/^1[3-9]/.test(d)) return { ok: false };
  return { ok: true, tail: d.slice(-4) };
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** GB 11643 check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** 18-character resident ID (check character verified) or the old 15-digit form. */
export function maskIdNumber(raw: string): IdCheck {
  const s = raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (/^\d{15}$/.test(s)) return { ok: true, masked: mask(s) };
  if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, why: 'format' };
  if (idCheckChar(s) !== s[17]) return { ok: false, why: 'checksum' };
  return { ok: true, masked: mask(s) };
}

const mask = (s: string) => '*'.repeat(s.length - 4) + s.slice(-4);
