import { describe, expect, it } from 'vitest';
import { loadCampaign } from '../../core/campaign/load.ts';
import { createPolicyService } from '../../core/policy/index.ts';
import { IN_SCOPE, OUT_OF_SCOPE } from './eval-set.ts';
import { evaluate, type EvalReport } from './evaluate.ts';
import { HOLDOUT_IN_SCOPE, HOLDOUT_OUT_OF_SCOPE } from './holdout-set.ts';

const campaign = loadCampaign();
const service = createPolicyService(campaign);

function print(name: string, r: EvalReport) {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(
    `${name}: answered ${r.answered}/${r.total} = ${pct(r.accuracy)}; abstained ${r.abstained}/${r.outOfScope} = ${pct(r.abstention)}` +
      (r.failures.length ? `\n  ${r.failures.join('\n  ')}` : ''),
  );
}

describe('policy answers on the evaluation set', () => {
  it('has enough questions of both kinds', () => {
    expect(IN_SCOPE.length).toBeGreaterThanOrEqual(80);
    expect(OUT_OF_SCOPE.length).toBeGreaterThanOrEqual(15);
  });

  it('answers at least 95 % with the required fact and abstains on every out-of-scope question', () => {
    const r = evaluate(service, campaign);
    print('policy eval set', r);
    expect(r.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(r.abstention).toBe(1);
  });

  it('holds up on the holdout set written after tuning', () => {
    const r = evaluate(service, campaign, HOLDOUT_IN_SCOPE, HOLDOUT_OUT_OF_SCOPE);
    print('policy holdout set', r);
    // Not the acceptance bar: a guard against regressions on wording nobody tuned for.
    expect(r.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(r.abstention).toBeGreaterThanOrEqual(0.8);
  });
});
