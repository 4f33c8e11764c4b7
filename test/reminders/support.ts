import type { Messenger, OutgoingMessage, SendResult } from '../../core/chat/types.ts';
import type { Clock } from '../../core/ports.ts';
import { localDate, localDateTime } from '../../core/time.ts';

export const TZ = 'Asia/Shanghai';
export const LEVEL_GROUPS = ['sandbox-junior', 'sandbox-intermediate', 'sandbox-senior'] as const;

/** A message that reached the "platform", with the business time it was sent at. */
export interface Sent extends OutgoingMessage {
  at: Date;
}

/**
 * Wraps a real messenger (the sandbox's): records every proactive message, and can refuse or hold
 * sends on purpose. `log` may be shared by several instances to see what users would see in total.
 */
export function recordingMessenger(
  inner: Messenger,
  clock: Clock,
  opts: { log?: Sent[]; refuse?: (m: OutgoingMessage, attempt: number) => string | undefined; hold?: (m: OutgoingMessage) => Promise<void> | undefined } = {},
) {
  const log = opts.log ?? [];
  const attempts = new Map<string, number>();
  const messenger: Messenger = {
    platform: inner.platform,
    async send(m): Promise<SendResult> {
      const key = `${m.private}:${m.chatId}:${m.text.replace(/^（补发）/, '')}`;
      const n = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, n);
      const refused = opts.refuse?.(m, n);
      if (refused) return { ok: false, error: refused };
      const held = opts.hold?.(m);
      if (held) await held;
      log.push({ ...m, at: clock.now() });
      return inner.send(m);
    },
  };
  return { messenger, log };
}

/** Reads a group post back into (window, kind): what users would understand from it. */
export function classify(text: string): { title: string; kind: string; late: boolean } {
  const late = text.startsWith('（补发）');
  const title = /【([^】]+)】/.exec(text)?.[1] ?? '?';
  if (text.includes('本群名单中还有')) return { title, kind: 'nudge-count', late };
  if (/今天（[^）]+）24:00 截止/.test(text)) return { title, kind: 'closes', late };
  if (/今天开始|已于.+开始/.test(text)) return { title, kind: 'opens', late };
  const m = /将于.+截止，还有 (\d+) 天/.exec(text);
  if (m) return { title, kind: `before-${m[1]}`, late };
  if (title === '通知') return { title, kind: 'admin', late };
  return { title, kind: '?', late };
}

/** "2021-10-07 10:00 sandbox-junior 继续教育培训 before-3" — one line per group post. */
export function describeGroupPosts(sent: Sent[]): string[] {
  return sent
    .filter((s) => !s.private)
    .map((s) => {
      const c = classify(s.text);
      return `${localDateTime(s.at, TZ)} ${s.chatId} ${c.title} ${c.kind}${c.late ? ' late' : ''}`;
    })
    .sort();
}

export const day = (d: Date) => localDate(d, TZ);

/** Tick from `from` up to and including `to` every `stepMs`, moving the clock with it. */
export async function runTicks(
  clock: { set(t: Date): void },
  ticks: Array<(now: Date) => Promise<unknown>>,
  from: Date,
  to: Date,
  stepMs: number,
): Promise<number> {
  let n = 0;
  for (let t = from.getTime(); t <= to.getTime(); t += stepMs) {
    const now = new Date(t);
    clock.set(now);
    await Promise.all(ticks.map((tick) => tick(now)));
    n++;
  }
  return n;
}

/** The 2021 plan as the notice implies it, written out by hand (never derived from the code under test). */
export const EXPECTED_2021: Array<[date: string, title: string, kind: string]> = [
  ['2021-09-22', '继续教育培训报名', 'opens'],
  ['2021-09-28', '继续教育培训报名', 'before-7'],
  ['2021-10-02', '继续教育培训报名', 'before-3'],
  ['2021-10-04', '继续教育培训报名', 'before-1'],
  ['2021-10-05', '继续教育培训报名', 'closes'],
  ['2021-09-26', '继续教育培训', 'opens'],
  ['2021-10-03', '继续教育培训', 'before-7'],
  ['2021-10-07', '继续教育培训', 'before-3'],
  ['2021-10-07', '继续教育培训', 'nudge-count'],
  ['2021-10-09', '继续教育培训', 'before-1'],
  ['2021-10-09', '继续教育培训', 'nudge-count'],
  ['2021-10-10', '继续教育培训', 'closes'],
  ['2021-10-10', '职称评审网上材料申报', 'opens'],
  ['2021-11-08', '职称评审网上材料申报', 'before-7'],
  ['2021-11-12', '职称评审网上材料申报', 'before-3'],
  ['2021-11-14', '职称评审网上材料申报', 'before-1'],
  ['2021-11-15', '职称评审网上材料申报', 'closes'],
  ['2021-10-10', '职称评审纸质材料报送', 'opens'],
  ['2021-11-18', '职称评审纸质材料报送', 'before-7'],
  ['2021-11-22', '职称评审纸质材料报送', 'before-3'],
  ['2021-11-24', '职称评审纸质材料报送', 'before-1'],
  ['2021-11-25', '职称评审纸质材料报送', 'closes'],
];

export const expectedLines = (groups: readonly string[], rows = EXPECTED_2021) =>
  rows.flatMap(([date, title, kind]) => groups.map((g) => `${date} 10:00 ${g} ${title} ${kind}`)).sort();
