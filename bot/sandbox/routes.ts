import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { CoreContext } from '../../core/context.ts';
import type { SandboxAdapter } from './adapter.ts';
import { SANDBOX_GROUPS, sandboxPeople } from './demo.ts';
import { sandboxPage } from './page.ts';

const sendBody = z.object({
  chatId: z.string().min(1).max(100),
  personId: z.string().min(1).max(100),
  nick: z.string().max(100).optional(),
  text: z.string().min(1).max(4000),
});

/** The sandbox chat: a page and a tiny JSON API over the sandbox adapter. */
export async function sandboxRoutes(app: FastifyInstance, opts: { core: CoreContext; adapter: SandboxAdapter }) {
  const { core, adapter } = opts;
  const html = sandboxPage();
  app.get('/sandbox', async (_req, reply) => reply.type('text/html; charset=utf-8').send(html));
  app.get('/sandbox/api/state', async () => ({ groups: SANDBOX_GROUPS, people: await sandboxPeople(core) }));
  app.get('/sandbox/api/transcript', async (req) => {
    const since = Number((req.query as { since?: string }).since ?? 0) || 0;
    return { entries: adapter.since(since) };
  });
  app.post('/sandbox/api/send', async (req, reply) => {
    const parsed = sendBody.safeParse(req.body);
    if (!parsed.success) return reply.code(400).send({ error: z.prettifyError(parsed.error) });
    const { chatId, personId, nick, text } = parsed.data;
    const people = await sandboxPeople(core);
    const person = people.find((p) => p.id === personId);
    const group = SANDBOX_GROUPS.find((g) => g.chatId === chatId);
    if (!person || (!group && chatId !== `private:${personId}`)) return reply.code(400).send({ error: 'unknown chat or person' });
    const entries = await adapter.send({ chatId, chatTitle: group?.title, person: { ...person, nick: nick?.trim() || person.nick }, text });
    return { entries };
  });
}
