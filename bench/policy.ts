/**
 * Policy answers: time to build the index from the campaign, and time to answer one question
 * after start-up, over the evaluation and holdout questions (several rounds after a warm-up).
 * Also reports the evaluation figures so a regression in speed or quality shows in one line.
 *
 *   npx tsx bench/policy.ts [rounds=20]
 */
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { loadCampaign } from '../core/campaign/load.ts';
import { createPolicyService } from '../core/policy/index.ts';
import { EVAL_NOW, IN_SCOPE, OUT_OF_SCOPE } from '../test/policy/eval-set.ts';
import { evaluate } from '../test/policy/evaluate.ts';
import { HOLDOUT_IN_SCOPE, HOLDOUT_OUT_OF_SCOPE } from '../test/policy/holdout-set.ts';
import { percentile, round } from './support.ts';

export async function benchPolicy(rounds = 20): Promise<Record<string, unknown>> {
  const campaign = loadCampaign();
  let t = performance.now();
  const service = createPolicyService(campaign);
  const indexBuildMs = performance.now() - t;
  t = performance.now();
  createPolicyService(campaign);
  const warmBuildMs = performance.now() - t;

  const questions = [...IN_SCOPE, ...OUT_OF_SCOPE, ...HOLDOUT_IN_SCOPE, ...HOLDOUT_OUT_OF_SCOPE].map((e) => ({
    q: e.q,
    level: 'level' in e ? e.level : undefined,
    now: new Date(('now' in e && e.now) || EVAL_NOW),
  }));
  for (const x of questions) service.answer(x.q, { level: x.level, now: x.now });

  // Wall time is what an asker waits; CPU time (process.cpuUsage) is what the answer costs, apart
  // from the scheduler: on a shared 2-core machine the wall-clock tail is mostly other processes.
  const times: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const x of questions) {
      const c0 = process.cpuUsage();
      const s = performance.now();
      service.answer(x.q, { level: x.level, now: x.now });
      times.push(performance.now() - s);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const evalSet = evaluate(service, campaign);
  const holdout = evaluate(service, campaign, HOLDOUT_IN_SCOPE, HOLDOUT_OUT_OF_SCOPE);
  return {
    name: 'policy_answer',
    questions: questions.length,
    answers_timed: times.length,
    p50_ms: round(percentile(times, 50), 3),
    p99_ms: round(percentile(times, 99), 3),
    max_ms: round(times[times.length - 1] ?? 0, 3),
    cpu_p50_ms: round(percentile(cpu, 50), 3),
    cpu_p99_ms: round(percentile(cpu, 99), 3),
    load_average_1m: round(loadavg()[0] ?? 0, 2),
    index_build_ms: round(indexBuildMs, 1),
    index_rebuild_ms: round(warmBuildMs, 1),
    entries: campaign.knowledge.length,
    eval_accuracy: round(evalSet.accuracy, 3),
    eval_abstention: round(evalSet.abstention, 3),
    holdout_accuracy: round(holdout.accuracy, 3),
    holdout_abstention: round(holdout.abstention, 3),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchPolicy(Number(process.argv[2] ?? 20))));
}
