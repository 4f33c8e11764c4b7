import type { LoadedCampaign } from '../../core/campaign/load.ts';
import type { Subject } from '../../core/campaign/schema.ts';
import type { TraineePatch } from '../../core/admin/roster-edits.ts';
import { cleanName, cleanUnit } from '../../core/imports/roster.ts';
import { consoleText as t } from '../../core/locales/zh-CN/console.ts';
import { field } from './form.ts';

/**
 * Checks of the change forms, shared by the pages and the JSON API (which sends the same field names):
 * a value, or every problem in the admin's words.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

const subjectOf = (v: string): Subject | undefined => (v === 'public' || v === 'professional' ? v : undefined);
const bad = <T>(errors: string[]): Parsed<T> => ({ ok: false, errors });

export function parseAdjustment(body: unknown): Parsed<{ subject: Subject; delta: number; reason: string }> {
  const errors: string[] = [];
  const subject = subjectOf(field(body, 'subject'));
  if (!subject) errors.push(t.badSubject);
  const delta = Number(field(body, 'delta').trim());
  if (!Number.isFinite(delta) || delta === 0 || Math.abs(delta) > 100 || Math.round(delta * 2) !== delta * 2) errors.push(t.adjustments.badDelta);
  const reason = field(body, 'reason').trim().slice(0, 500);
  if (!reason) errors.push(t.adjustments.badReason);
  return errors.length ? bad(errors) : { ok: true, value: { subject: subject!, delta, reason } };
}

export function parseExemption(body: unknown, campaign: LoadedCampaign): Parsed<{ reason: string; approvalRef: string }> {
  const errors: string[] = [];
  const reason = field(body, 'reason').trim();
  if (!campaign.exemptionReasons.includes(reason)) errors.push(t.exemptions.badReason);
  const approvalRef = field(body, 'approvalRef').trim().slice(0, 200);
  if (!approvalRef) errors.push(t.exemptions.badRef);
  return errors.length ? bad(errors) : { ok: true, value: { reason, approvalRef } };
}

export function parseExam(body: unknown): Parsed<{ subject: Subject; score: number }> {
  const subject = subjectOf(field(body, 'subject'));
  const raw = field(body, 'score').trim();
  const score = Number(raw);
  const errors: string[] = [];
  if (!subject) errors.push(t.badSubject);
  if (!raw || !Number.isFinite(score) || score < 0 || score > 100) errors.push(t.trainees.badScore);
  return errors.length ? bad(errors) : { ok: true, value: { subject: subject!, score: Math.round(score * 10) / 10 } };
}

/** Only the fields present are changed (the API may send a few); the page always sends them all. */
export function parseTraineePatch(body: unknown, campaign: LoadedCampaign, opts: { checkboxActive?: boolean } = {}): Parsed<TraineePatch> {
  const has = (k: string) => (body as Record<string, unknown> | null)?.[k] !== undefined;
  const errors: string[] = [];
  const patch: TraineePatch = {};
  if (has('name')) {
    const name = cleanName(field(body, 'name'));
    if (!name) errors.push(t.trainees.badName);
    else patch.name = name.slice(0, 100);
  }
  if (has('level')) {
    const level = field(body, 'level');
    if (campaign.levels.some((l) => l.level === level)) patch.level = level;
    else errors.push(t.badLevel(campaign.levels.map((l) => l.level)));
  }
  if (has('unit')) patch.unit = cleanUnit(field(body, 'unit')).slice(0, 200);
  if (has('phoneTail')) {
    const tail = field(body, 'phoneTail').trim();
    if (tail && !/^\d{4}$/.test(tail)) errors.push(t.trainees.badPhoneTail);
    else patch.phoneTail = tail;
  }
  // An unticked checkbox sends nothing, so the page says whether it is the checkbox form.
  if (opts.checkboxActive) patch.active = field(body, 'active') === '1';
  else if (has('active')) patch.active = field(body, 'active') === 'true' || field(body, 'active') === '1';
  return errors.length ? bad(errors) : { ok: true, value: patch };
}
