import { and, asc, eq, ilike, inArray, isNull, lt, notExists, or, sql } from 'drizzle-orm';
import type { Binding, NewTrainee, Observation, RosterStore, Trainee } from '../../core/ports.ts';
import { accounts, nicknameObservations, trainees } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { statement } from './prepared.ts';

// The identity check of every group message: built once (see prepared.ts).
const byNameKeys = statement('roster_by_name_keys', (db) =>
  db
    .select()
    .from(trainees)
    .where(and(eq(trainees.campaignId, sql.placeholder('campaignId')), sql`${trainees.nameKey} = any(${sql.placeholder('keys')}::text[])`, eq(trainees.active, true))),
);
const bindingOf = statement('roster_binding', (db) =>
  db
    .select()
    .from(accounts)
    .where(and(eq(accounts.platform, sql.placeholder('platform')), eq(accounts.accountId, sql.placeholder('accountId')))),
);
const bindAccount = statement('roster_bind', (db) =>
  db
    .insert(accounts)
    .values({ platform: sql.placeholder('platform'), accountId: sql.placeholder('accountId'), traineeId: sql.placeholder('traineeId'), boundBy: sql.placeholder('by') })
    .onConflictDoNothing()
    .returning(),
);
const observeNick = statement('roster_observe', (db) =>
  db
    .insert(nicknameObservations)
    .values({
      platform: sql.placeholder('platform'),
      chatId: sql.placeholder('chatId'),
      accountId: sql.placeholder('accountId'),
      nickname: sql.placeholder('nickname'),
      compliant: sql.placeholder('compliant'),
      traineeId: sql.placeholder('traineeId'),
      firstSeen: sql.placeholder('lastSeen'),
      lastSeen: sql.placeholder('lastSeen'),
    })
    .onConflictDoUpdate({
      target: [nicknameObservations.platform, nicknameObservations.chatId, nicknameObservations.accountId],
      set: {
        nickname: sql`excluded.nickname`,
        compliant: sql`excluded.compliant`,
        traineeId: sql`excluded.trainee_id`,
        lastSeen: sql`excluded.last_seen`,
        seenCount: sql`${nicknameObservations.seenCount} + 1`,
      },
    }),
);
const claimWarn = statement('roster_claim_warning', (db) =>
  db
    .update(nicknameObservations)
    .set({ lastWarnedAt: sql`${sql.placeholder('now')}::timestamptz` })
    .where(
      and(
        eq(nicknameObservations.platform, sql.placeholder('platform')),
        eq(nicknameObservations.chatId, sql.placeholder('chatId')),
        eq(nicknameObservations.accountId, sql.placeholder('accountId')),
        or(isNull(nicknameObservations.lastWarnedAt), lt(nicknameObservations.lastWarnedAt, sql`${sql.placeholder('before')}::timestamptz`)),
      ),
    )
    .returning({ a: nicknameObservations.accountId }),
);

/** Chunk large inserts: Postgres allows 65k bind parameters per statement. */
const CHUNK = 1000;

export function rosterStore(db: Db): RosterStore {
  const store: RosterStore = {
    async findByNameKeys(campaignId, keys) {
      if (!keys.length) return [];
      return byNameKeys(db).execute({ campaignId, keys });
    },
    async get(id) {
      const [t] = await db.select().from(trainees).where(eq(trainees.id, id));
      return t;
    },
    async list(campaignId, opts = {}) {
      const conds = [eq(trainees.campaignId, campaignId)];
      if (opts.level) conds.push(eq(trainees.level, opts.level));
      if (opts.search) conds.push(or(ilike(trainees.name, `%${opts.search}%`), ilike(trainees.unit, `%${opts.search}%`))!);
      let q = db.select().from(trainees).where(and(...conds)).orderBy(asc(trainees.id)).$dynamic();
      if (opts.limit) q = q.limit(opts.limit);
      if (opts.offset) q = q.offset(opts.offset);
      return q;
    },
    async count(campaignId, level) {
      const conds = [eq(trainees.campaignId, campaignId), eq(trainees.active, true)];
      if (level) conds.push(eq(trainees.level, level));
      const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(trainees).where(and(...conds));
      return r.n;
    },
    async upsertMany(rows: NewTrainee[]) {
      let inserted = 0;
      let updated = 0;
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK);
        // xmax = 0 tells a fresh insert from an update in one round trip; the WHERE makes identical rows no-ops.
        const res = await db
          .insert(trainees)
          .values(chunk)
          .onConflictDoUpdate({
            target: [trainees.campaignId, trainees.nameKey, trainees.unit, trainees.phoneTail],
            set: {
              name: sql`excluded.name`,
              level: sql`excluded.level`,
              idMasked: sql`case when excluded.id_masked = '' then ${trainees.idMasked} else excluded.id_masked end`,
              active: sql`true`,
              updatedAt: sql`now()`,
            },
            setWhere: sql`${trainees.name} is distinct from excluded.name or ${trainees.level} is distinct from excluded.level
              or (excluded.id_masked <> '' and ${trainees.idMasked} is distinct from excluded.id_masked) or not ${trainees.active}`,
          })
          .returning({ inserted: sql<boolean>`(xmax = 0)` });
        for (const r of res) r.inserted ? inserted++ : updated++;
      }
      return { inserted, updated, unchanged: rows.length - inserted - updated };
    },
    async update(id, patch) {
      const [t] = await db.update(trainees).set({ ...patch, updatedAt: new Date() }).where(eq(trainees.id, id)).returning();
      return t;
    },

    async getBinding(platform, accountId) {
      const [b] = await bindingOf(db).execute({ platform, accountId });
      return b;
    },
    async bindingsOf(traineeId) {
      return db.select().from(accounts).where(eq(accounts.traineeId, traineeId));
    },
    async bind(platform, accountId, traineeId, by) {
      const [created] = await bindAccount(db).execute({ platform, accountId, traineeId, by });
      if (created) return { binding: created as Binding, created: true };
      return { binding: (await store.getBinding(platform, accountId))!, created: false };
    },
    async unbind(platform, accountId) {
      const [b] = await db
        .delete(accounts)
        .where(and(eq(accounts.platform, platform), eq(accounts.accountId, accountId)))
        .returning();
      return b;
    },

    async observe(o: Observation) {
      await observeNick(db).execute({ ...o });
    },
    async claimWarning(platform, chatId, accountId, now, intervalMs) {
      // A conditional update is the lock: concurrent messages cannot both win.
      const res = await claimWarn(db).execute({ platform, chatId, accountId, now: now.toISOString(), before: new Date(now.getTime() - intervalMs).toISOString() });
      return res.length > 0;
    },
    async observations(platform, chatId) {
      return db
        .select()
        .from(nicknameObservations)
        .where(and(eq(nicknameObservations.platform, platform), eq(nicknameObservations.chatId, chatId)))
        .orderBy(asc(nicknameObservations.firstSeen));
    },
    async identityCounts(campaignId, level) {
      const conds = [eq(trainees.campaignId, campaignId), eq(trainees.active, true)];
      if (level) conds.push(eq(trainees.level, level));
      const [r] = await db
        .select({
          trainees: sql<number>`count(*)::int`,
          bound: sql<number>`count(*) filter (where exists (select 1 from ${accounts} where ${accounts.traineeId} = ${trainees.id}))::int`,
          renamed: sql<number>`count(*) filter (where exists (select 1 from ${nicknameObservations} where ${nicknameObservations.traineeId} = ${trainees.id} and ${nicknameObservations.compliant}))::int`,
        })
        .from(trainees)
        .where(and(...conds));
      return r;
    },
    async neverSeen(campaignId, level) {
      return db
        .select()
        .from(trainees)
        .where(
          and(
            eq(trainees.campaignId, campaignId),
            eq(trainees.level, level),
            eq(trainees.active, true),
            notExists(db.select({ x: sql`1` }).from(accounts).where(eq(accounts.traineeId, trainees.id))),
            notExists(
              db
                .select({ x: sql`1` })
                .from(nicknameObservations)
                .where(and(eq(nicknameObservations.traineeId, trainees.id), eq(nicknameObservations.compliant, true))),
            ),
          ),
        )
        .orderBy(asc(trainees.id));
    },
  };
  return store;
}
