/**
 * Stores for a group-commit batch: the calls every message makes (dedupe claim, chat, binding, roster
 * lookup, nickname record, open sessions, attendance write, running total) are coalesced across the
 * batch's messages into one set-based statement each, so a burst of N check-ins costs about a dozen
 * statements instead of ten per message. Everything else goes straight to the transaction's stores.
 *
 * Each coalesced call behaves as if the batch's calls had run one after another in arrival order:
 * a duplicate key (the same message twice, two check-ins of one person) sees the first one's write.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Binding, ChatInfo, Observation, Stores, Trainee, TraineeFigures } from '../../core/ports.ts';
import { accounts, attendance, chats, nicknameObservations, processedMessages, trainees } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { coalesce, firstOf, sameCallsOnce } from './coalesce.ts';
import { figuresOf, toAttendance } from './ledger.ts';

type Pair = { platform: string; id: string };
const pairKey = (p: Pair) => `${p.platform}\u0000${p.id}`;

/** Rows for (platform, id) pairs: one statement per platform (a batch nearly always has one). */
async function byPairs<R>(pairs: Pair[], load: (platform: string, ids: string[]) => Promise<R[]>, keyOf: (r: R) => string): Promise<Array<R | undefined>> {
  const ids = new Map<string, Set<string>>();
  for (const p of pairs) (ids.get(p.platform) ?? ids.set(p.platform, new Set()).get(p.platform)!).add(p.id);
  const found = new Map<string, R>();
  for (const rows of await Promise.all([...ids].map(([platform, set]) => load(platform, [...set])))) for (const r of rows) found.set(keyOf(r), r);
  return pairs.map((p) => found.get(pairKey(p)));
}

export function batchedStores(s: Stores, db: Db): Stores {
  const claimMessage = coalesce<Pair, boolean>(async (args) => {
    const first = firstOf(args, pairKey);
    const won = await db
      .insert(processedMessages)
      .values([...first.values()].map((i) => ({ platform: args[i]!.platform, messageId: args[i]!.id })))
      .onConflictDoNothing()
      .returning({ platform: processedMessages.platform, id: processedMessages.messageId });
    const claimed = new Set(won.map(pairKey));
    return args.map((a, i) => first.get(pairKey(a)) === i && claimed.has(pairKey(a)));
  });

  const getChat = coalesce<Pair, ChatInfo | undefined>((args) =>
    byPairs(
      args,
      (platform, ids) => db.select().from(chats).where(and(eq(chats.platform, platform), inArray(chats.chatId, ids))),
      (r) => pairKey({ platform: r.platform, id: r.chatId }),
    ),
  );

  const getBinding = coalesce<Pair, Binding | undefined>((args) =>
    byPairs(
      args,
      (platform, ids) => db.select().from(accounts).where(and(eq(accounts.platform, platform), inArray(accounts.accountId, ids))),
      (r) => pairKey({ platform: r.platform, id: r.accountId }),
    ),
  );

  const bind = coalesce<{ platform: string; accountId: string; traineeId: number; by: string }, { binding: Binding; created: boolean }>(async (args) => {
    const key = (a: (typeof args)[number]) => pairKey({ platform: a.platform, id: a.accountId });
    const first = firstOf(args, key);
    const created = await db
      .insert(accounts)
      .values([...first.values()].map((i) => ({ platform: args[i]!.platform, accountId: args[i]!.accountId, traineeId: args[i]!.traineeId, boundBy: args[i]!.by })))
      .onConflictDoNothing()
      .returning();
    const made = new Map(created.map((b) => [pairKey({ platform: b.platform, id: b.accountId }), b]));
    return Promise.all(
      args.map(async (a, i) => {
        const b = made.get(key(a));
        if (b && first.get(key(a)) === i) return { binding: b, created: true };
        return { binding: b ?? (await getBinding({ platform: a.platform, id: a.accountId }))!, created: false };
      }),
    );
  });

  const findByNameKeys = coalesce<{ campaignId: string; keys: string[] }, Trainee[]>(async (args) => {
    const campaigns = new Map<string, Trainee[]>();
    await Promise.all(
      [...new Set(args.map((a) => a.campaignId))].map(async (campaignId) => {
        const keys = [...new Set(args.filter((a) => a.campaignId === campaignId).flatMap((a) => a.keys))];
        const rows = keys.length
          ? await db
              .select()
              .from(trainees)
              .where(and(eq(trainees.campaignId, campaignId), inArray(trainees.nameKey, keys), eq(trainees.active, true)))
          : [];
        campaigns.set(campaignId, rows);
      }),
    );
    return args.map((a) => {
      const keys = new Set(a.keys);
      return campaigns.get(a.campaignId)!.filter((t) => keys.has(t.nameKey));
    });
  });

  const observe = coalesce<Observation, void>(async (args) => {
    // One row per person and group; the last observation wins, as if they had been written in turn.
    const last = new Map<string, { o: Observation; n: number }>();
    for (const o of args) {
      const k = `${o.platform}\u0000${o.chatId}\u0000${o.accountId}`;
      last.set(k, { o, n: (last.get(k)?.n ?? 0) + 1 });
    }
    await db
      .insert(nicknameObservations)
      .values([...last.values()].map(({ o, n }) => ({ ...o, firstSeen: o.lastSeen, seenCount: n })))
      .onConflictDoUpdate({
        target: [nicknameObservations.platform, nicknameObservations.chatId, nicknameObservations.accountId],
        set: {
          nickname: sql`excluded.nickname`,
          compliant: sql`excluded.compliant`,
          traineeId: sql`excluded.trainee_id`,
          lastSeen: sql`excluded.last_seen`,
          seenCount: sql`${nicknameObservations.seenCount} + excluded.seen_count`,
        },
      });
    return args.map(() => undefined);
  });

  type CheckIn = Parameters<Stores['ledger']['checkIn']>[0];
  const checkIn = coalesce<CheckIn, Awaited<ReturnType<Stores['ledger']['checkIn']>>>(async (args) => {
    const key = (r: { sessionId: number; traineeId: number }) => `${r.sessionId}:${r.traineeId}`;
    const first = firstOf(args, key);
    const rows = await db
      .insert(attendance)
      .values([...first.values()].map((i) => args[i]!))
      .onConflictDoNothing()
      .returning();
    const made = new Map(rows.map((r) => [key(r), toAttendance(r)]));
    return args.map((a, i) => (first.get(key(a)) === i ? made.get(key(a)) : undefined));
  });

  type Open = { campaignId: string; w: Parameters<Stores['ledger']['openSessions']>[1]; at: Date };
  const openSessions = coalesce(
    sameCallsOnce(
      (a: Open) => JSON.stringify([a.campaignId, a.w.platform, a.w.chatId, a.w.level, a.at.getTime()]),
      (a: Open) => s.ledger.openSessions(a.campaignId, a.w, a.at),
    ),
  );

  const figures = coalesce<{ campaignId: string; ids: number[] }, Map<number, TraineeFigures>>(async (args) => {
    const all = new Map<string, Map<number, TraineeFigures>>();
    await Promise.all(
      [...new Set(args.map((a) => a.campaignId))].map(async (campaignId) => {
        const ids = [...new Set(args.filter((a) => a.campaignId === campaignId).flatMap((a) => a.ids))];
        all.set(campaignId, await figuresOf(db, campaignId, ids));
      }),
    );
    return args.map((a) => {
      const of = all.get(a.campaignId)!;
      return new Map(a.ids.flatMap((id) => (of.has(id) ? [[id, of.get(id)!] as const] : [])));
    });
  });

  const batched: Stores = {
    ...s,
    chats: {
      ...s.chats,
      get: (platform, chatId) => getChat({ platform, id: chatId }),
      claimMessage: (platform, messageId) => claimMessage({ platform, id: messageId }),
    },
    roster: {
      ...s.roster,
      getBinding: (platform, accountId) => getBinding({ platform, id: accountId }),
      bind: (platform, accountId, traineeId, by) => bind({ platform, accountId, traineeId, by }),
      findByNameKeys: (campaignId, keys) => (keys.length ? findByNameKeys({ campaignId, keys }) : Promise.resolve([])),
      observe: (o) => observe(o),
    },
    ledger: {
      ...s.ledger,
      checkIn: (r) => checkIn(r),
      openSessions: (campaignId, w, at) => openSessions({ campaignId, w, at }),
      figures: (campaignId, ids) => (ids ? figures({ campaignId, ids }) : s.ledger.figures(campaignId)),
    },
    // Nested units of work join the batch, as they join any transaction.
    tx: (fn) => fn(batched),
    batch: (fn) => fn(batched),
  };
  return batched;
}
