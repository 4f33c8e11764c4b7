import type { CoreContext } from '../../core/context.ts';
import { cleanName } from '../../core/imports/roster.ts';
import { consoleText as t } from '../../core/locales/zh-CN/console.ts';
import type { Trainee } from '../../core/ports.ts';
import { normaliseName } from '../../core/roster/normalise.ts';

export type TraineeRef = { ok: true; trainee: Trainee } | { ok: false; error: string; candidates: Trainee[] };

/** A trainee named in a form: by number ("12" or "#12"), or by name when exactly one active entry has it. */
export async function resolveTrainee(core: CoreContext, raw: string): Promise<TraineeRef> {
  const q = raw.trim();
  if (!q) return { ok: false, error: t.traineeRef.empty, candidates: [] };
  const asId = /^#?(\d{1,9})$/.exec(q);
  if (asId) {
    const tr = await core.stores.roster.get(Number(asId[1]));
    if (tr && tr.campaignId === core.campaign.id) return { ok: true, trainee: tr };
    return { ok: false, error: t.traineeRef.notFound(q), candidates: [] };
  }
  const found = await core.stores.roster.findByNameKeys(core.campaign.id, [normaliseName(cleanName(q))]);
  if (found.length === 1) return { ok: true, trainee: found[0] };
  if (!found.length) return { ok: false, error: t.traineeRef.notFound(q), candidates: [] };
  return { ok: false, error: t.traineeRef.ambiguous(q, found.length), candidates: found };
}
