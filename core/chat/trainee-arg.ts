import type { CoreContext } from '../context.ts';
import type { Trainee } from '../ports.ts';
import { matchRosterName } from '../roster/identify.ts';
import { chat as t } from '../locales/zh-CN/index.ts';

export type TraineeLookup = { ok: true; trainee: Trainee } | { ok: false; message: string };

/** Resolve an admin's "姓名" or "姓名-单位" argument to exactly one roster entry. */
export async function findTrainee(core: CoreContext, nameArg: string, level?: string | null): Promise<TraineeLookup> {
  const { result, candidates } = await matchRosterName(core, nameArg, level);
  if (result.status === 'ok') return { ok: true, trainee: candidates.find((c) => c.id === result.traineeId)! };
  if (result.status === 'ambiguous') {
    const opts = candidates.filter((c) => result.candidates.includes(c.id)).map((c) => `${c.name}-${c.unit || c.level}`);
    return { ok: false, message: t.traineeAmbiguous(nameArg, opts) };
  }
  return { ok: false, message: t.traineeNotFound(nameArg) };
}
