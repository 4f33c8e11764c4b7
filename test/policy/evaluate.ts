import type { LoadedCampaign } from '../../core/campaign/load.ts';
import type { PolicyService } from '../../core/policy/index.ts';
import { EVAL_NOW, IN_SCOPE, OUT_OF_SCOPE, type EvalQuestion, type OutOfScope } from './eval-set.ts';

const squash = (s: string) => s.replace(/\s+/g, '');

export interface EvalReport {
  answered: number;
  total: number;
  accuracy: number;
  abstained: number;
  outOfScope: number;
  abstention: number;
  failures: string[];
}

/** Runs the evaluation set through a policy service; shared by the test and the benchmark. */
export function evaluate(
  service: PolicyService,
  campaign: LoadedCampaign,
  inScope: EvalQuestion[] = IN_SCOPE,
  outOfScope: OutOfScope[] = OUT_OF_SCOPE,
): EvalReport {
  const failures: string[] = [];
  let answered = 0;
  for (const e of inScope) {
    const a = service.answer(e.q, { level: e.level, now: new Date(e.now ?? EVAL_NOW) });
    const text = squash(a.text);
    const missing = e.expect.filter((f) => !text.includes(squash(f)));
    if (a.found && !missing.length) answered++;
    else failures.push(`答错 「${e.q}」${e.level ?? ''} 缺少 ${missing.join('、') || '(未作答)'} → ${a.text.split('\n')[0]}`);
  }
  let abstained = 0;
  for (const o of outOfScope) {
    const a = service.answer(o.q, { now: new Date(EVAL_NOW) });
    const phones = o.contact ? campaign.contacts.find((c) => c.id === o.contact)!.phones : [];
    const ok = !a.found && a.text.includes('通知中没有涉及这个问题') && phones.every((p) => a.text.includes(p));
    if (ok) abstained++;
    else failures.push(`未拒答 「${o.q}」 → ${a.text.split('\n').slice(0, 2).join(' / ')}`);
  }
  return {
    answered,
    total: inScope.length,
    accuracy: answered / inScope.length,
    abstained,
    outOfScope: outOfScope.length,
    abstention: abstained / outOfScope.length,
    failures,
  };
}
