import type { PgPreparedQuery, PreparedQueryConfig } from 'drizzle-orm/pg-core';
import type { Db } from '../types.ts';

type Prepared<T> = PgPreparedQuery<PreparedQueryConfig & { execute: T }>;
/** drizzle keeps the session (and its driver client) on the database and on each transaction. */
type WithSession = { session: { constructor: object; client: unknown } };

/**
 * A hot-path statement whose SQL drizzle builds once per process instead of on every call (building
 * it was a third of the bot's CPU per check-in), run on whichever handle a store is bound to: the
 * root database or a message's transaction. Values go in through `sql.placeholder`. The name also
 * makes postgres.js keep it as a server-side prepared statement per connection, so PostgreSQL parses
 * and plans it once per connection too.
 *
 * One template per driver (the prepared-query class differs); a transaction gets a view of the
 * template whose only own field is that transaction's client — a cheap object, no SQL building.
 */
export function statement<T>(name: string, build: (db: Db) => { prepare(name: string): Prepared<T> }) {
  const templates = new Map<object, Prepared<T>>();
  return (db: Db): Prepared<T> => {
    const session = (db as unknown as WithSession).session;
    let template = templates.get(session.constructor);
    if (!template) {
      template = build(db).prepare(name);
      templates.set(session.constructor, template);
    }
    // Both drivers' prepared queries run on `this.client`; everything else is the same for any handle.
    const bound = Object.create(template) as Prepared<T> & { client: unknown };
    bound.client = session.client;
    return bound;
  };
}
