/**
 * Stores for a group-commit batch: the calls every message makes (dedupe claim, chat, binding, roster
 * lookup, nickname record, open sessions, attendance write, running total) are coalesced across the
 * batch's messages into one set-based statement each, so a burst of N check-ins costs about a dozen
 * statements instead of ten per message. Everything else goes straight to the transaction's stores.
 *
 * Each coalesced call behaves as if the batch's calls had run one after another in arrival order:
 * a duplicate key (the same message twice, two check-ins of one person) sees the first one's write.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Binding, ChatInfo, Observation, Stores, Trainee, TraineeFigures } from '../../core/ports.ts';
import { accounts, attendance, chats, nicknameObservations, processedMessages, trainees } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { coalesce, firstOf, inKeyOrder, sameCallsOnce } from './coalesce.ts';
import { figuresOf } from './ledger.ts';
import { statement } from './prepared.ts';

const ph = sql.placeholder;
/**
 * Array parameters go in as text[] and are cast in SQL: drizzle's postgres.js driver passes timestamp
 * and numeric arrays through unserialised, and postgres.js types a boolean array as one boolean.
 */
const texts = (name: string) => sql`${ph(name)}::text[]`;

// Built once per process (see prepared.ts); the whole batch's values go in as one array per column.
const claimMany = statement('batch_claim', (db) =>
  db
    .insert(processedMessages)
    .select((qb) => qb.select({ platform: sql<string>`u.p`.as('platform'), messageId: sql<string>`u.m`.as('message_id'), at: sql<Date>`now()`.as('at') }).from(sql`unnest(${texts('platforms')}, ${texts('ids')}) as u(p, m)`))
    .onConflictDoNothing()
    .returning({ platform: processedMessages.platform, id: processedMessages.messageId }),
);
const chatsOf = statement('batch_chats', (db) =>
  db
    .select()
    .from(chats)
    .where(and(eq(chats.platform, ph('platform')), sql`${chats.chatId} = any(${texts('ids')})`)),
);
const bindingsOf = statement('batch_bindings', (db) =>
  db
    .select()
    .from(accounts)
    .where(and(eq(accounts.platform, ph('platform')), sql`${accounts.accountId} = any(${texts('ids')})`)),
);
const bindMany = statement('batch_bind', (db) =>
  db
    .insert(accounts)
    .select((qb) =>
      qb
        .select({
          platform: sql<string>`u.p`.as('platform'),
          accountId: sql<string>`u.a`.as('account_id'),
          traineeId: sql<number>`u.t`.as('trainee_id'),
          boundAt: sql<Date>`now()`.as('bound_at'),
          boundBy: sql<string>`u.b`.as('bound_by'),
        })
        .from(sql`unnest(${texts('platforms')}, ${texts('accountIds')}, ${ph('traineeIds')}::int[], ${texts('by')}) as u(p, a, t, b)`),
    )
    .onConflictDoNothing()
    .returning(),
);
const byNameKeysMany = statement('batch_by_name_keys', (db) =>
  db
    .select()
    .from(trainees)
    .where(and(eq(trainees.campaignId, ph('campaignId')), sql`${trainees.nameKey} = any(${texts('keys')})`, eq(trainees.active, true))),
);
const observeMany = statement('batch_observe', (db) =>
  db
    .insert(nicknameObservations)
    .select((qb) =>
      qb
        .select({
          platform: sql<string>`u.p`.as('platform'),
          chatId: sql<string>`u.c`.as('chat_id'),
          accountId: sql<string>`u.a`.as('account_id'),
          nickname: sql<string>`u.n`.as('nickname'),
          compliant: sql<boolean>`u.ok`.as('compliant'),
          traineeId: sql<number | null>`u.t`.as('trainee_id'),
          firstSeen: sql<Date>`u.at`.as('first_seen'),
          lastSeen: sql<Date>`u.at`.as('last_seen'),
          seenCount: sql<number>`u.k`.as('seen_count'),
          lastWarnedAt: sql<Date | null>`null::timestamptz`.as('last_warned_at'),
        })
        .from(
          sql`unnest(${texts('platforms')}, ${texts('chatIds')}, ${texts('accountIds')}, ${texts('nicknames')}, ${texts('compliant')}::boolean[], ${ph('traineeIds')}::int[], ${texts('at')}::timestamptz[], ${ph('counts')}::int[]) as u(p, c, a, n, ok, t, at, k)`,
        ),
    )
    .onConflictDoUpdate({
      target: [nicknameObservations.platform, nicknameObservations.chatId, nicknameObservations.accountId],
      set: {
        nickname: sql`excluded.nickname`,
        compliant: sql`excluded.compliant`,
        traineeId: sql`excluded.trainee_id`,
        lastSeen: sql`excluded.last_seen`,
        seenCount: sql`${nicknameObservations.seenCount} + excluded.seen_count`,
      },
    }),
);
const checkInMany = statement('batch_check_in', (db) =>
  db
    .insert(attendance)
    .select((qb) =>
      qb
        .select({
          id: sql<number>`nextval('attendance_id_seq'::regclass)`.as('id'),
          sessionId: sql<number>`u.s`.as('session_id'),
          traineeId: sql<number>`u.t`.as('trainee_id'),
          source: sql<string>`u.src`.as('source'),
          minutes: sql<number | null>`u.m`.as('minutes'),
          hours: sql<number>`u.h`.as('hours'),
          recordedAt: sql<Date>`u.at`.as('recorded_at'),
          recordedBy: sql<string>`u.b`.as('recorded_by'),
        })
        .from(
          sql`unnest(${ph('sessionIds')}::int[], ${ph('traineeIds')}::int[], ${texts('sources')}, ${ph('minutes')}::int[], ${texts('hours')}::numeric[], ${texts('at')}::timestamptz[], ${texts('by')}) as u(s, t, src, m, h, at, b)`,
        ),
    )
    .onConflictDoNothing()
    .returning({ sessionId: attendance.sessionId, traineeId: attendance.traineeId }),
);

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
    const firsts = inKeyOrder(first).map((i) => args[i]!);
    const won = await claimMany(db).execute({ platforms: firsts.map((a) => a.platform), ids: firsts.map((a) => a.id) });
    const claimed = new Set(won.map(pairKey));
    return args.map((a, i) => first.get(pairKey(a)) === i && claimed.has(pairKey(a)));
  });

  const getChat = coalesce<Pair, ChatInfo | undefined>((args) =>
    byPairs(
      args,
      (platform, ids) => chatsOf(db).execute({ platform, ids }),
      (r) => pairKey({ platform: r.platform, id: r.chatId }),
    ),
  );

  const getBinding = coalesce<Pair, Binding | undefined>((args) =>
    byPairs(
      args,
      (platform, ids) => bindingsOf(db).execute({ platform, ids }),
      (r) => pairKey({ platform: r.platform, id: r.accountId }),
    ),
  );

  const bind = coalesce<{ platform: string; accountId: string; traineeId: number; by: string }, { binding: Binding; created: boolean }>(async (args) => {
    const key = (a: (typeof args)[number]) => pairKey({ platform: a.platform, id: a.accountId });
    const first = firstOf(args, key);
    const firsts = inKeyOrder(first).map((i) => args[i]!);
    const created = await bindMany(db).execute({
      platforms: firsts.map((a) => a.platform),
      accountIds: firsts.map((a) => a.accountId),
      traineeIds: firsts.map((a) => a.traineeId),
      by: firsts.map((a) => a.by),
    });
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
    const byKey = new Map<string, Map<string, Trainee[]>>();
    await Promise.all(
      [...new Set(args.map((a) => a.campaignId))].map(async (campaignId) => {
        const keys = [...new Set(args.filter((a) => a.campaignId === campaignId).flatMap((a) => a.keys))];
        const found = new Map<string, Trainee[]>();
        for (const t of keys.length ? await byNameKeysMany(db).execute({ campaignId, keys }) : []) (found.get(t.nameKey) ?? found.set(t.nameKey, []).get(t.nameKey)!).push(t);
        byKey.set(campaignId, found);
      }),
    );
    return args.map((a) => [...new Set(a.keys)].flatMap((k) => byKey.get(a.campaignId)!.get(k) ?? []));
  });

  const observe = coalesce<Observation, void>(async (args) => {
    // One row per person and group; the last observation wins, as if they had been written in turn.
    const last = new Map<string, { o: Observation; n: number }>();
    for (const o of args) {
      const k = `${o.platform}\u0000${o.chatId}\u0000${o.accountId}`;
      last.set(k, { o, n: (last.get(k)?.n ?? 0) + 1 });
    }
    const rows = inKeyOrder(last);
    await observeMany(db).execute({
      platforms: rows.map((r) => r.o.platform),
      chatIds: rows.map((r) => r.o.chatId),
      accountIds: rows.map((r) => r.o.accountId),
      nicknames: rows.map((r) => r.o.nickname),
      compliant: rows.map((r) => String(r.o.compliant)),
      traineeIds: rows.map((r) => r.o.traineeId),
      at: rows.map((r) => r.o.lastSeen.toISOString()),
      counts: rows.map((r) => r.n),
    });
    return args.map(() => undefined);
  });

  type CheckIn = Parameters<Stores['ledger']['checkIn']>[0];
  const checkIn = coalesce<CheckIn, Awaited<ReturnType<Stores['ledger']['checkIn']>>>(async (args) => {
    const key = (r: { sessionId: number; traineeId: number }) => `${r.sessionId}:${r.traineeId}`;
    const first = firstOf(args, key);
    const firsts = inKeyOrder(first).map((i) => args[i]!);
    const rows = await checkInMany(db).execute({
      sessionIds: firsts.map((r) => r.sessionId),
      traineeIds: firsts.map((r) => r.traineeId),
      sources: firsts.map((r) => r.source),
      minutes: firsts.map((r) => r.minutes),
      hours: firsts.map((r) => String(r.hours)),
      at: firsts.map((r) => r.recordedAt.toISOString()),
      by: firsts.map((r) => r.recordedBy),
    });
    // The record is what was written: the statement returns only which keys were new.
    const made = new Set(rows.map(key));
    return args.map((a, i) => (first.get(key(a)) === i && made.has(key(a)) ? { ...a, hours: Math.round(a.hours * 10) / 10 } : undefined));
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
