import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

const dir = new URL('./assets/', import.meta.url);

const ASSETS: Record<string, string> = {
  'console.css': 'text/css; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
};

/** The console's own stylesheet and script, from this folder: no CDN, since the site may have no internet. */
export function loadAssets() {
  const files = new Map<string, { body: Buffer; type: string; etag: string }>();
  for (const [name, type] of Object.entries(ASSETS)) {
    const body = readFileSync(new URL(name, dir));
    files.set(name, { body, type, etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"` });
  }
  // A version in the URL lets browsers cache for long and still see a new release at once.
  const version = createHash('sha1').update([...files.values()].map((f) => f.etag).join()).digest('base64url').slice(0, 8);
  return { files, version };
}

export type Assets = ReturnType<typeof loadAssets>;

export async function assetRoutes(app: FastifyInstance, opts: { assets: Assets }) {
  app.get<{ Params: { name: string } }>('/assets/:name', async (req, reply) => {
    const f = opts.assets.files.get(req.params.name);
    if (!f) return reply.code(404).type('text/plain; charset=utf-8').send('not found');
    if (req.headers['if-none-match'] === f.etag) return reply.code(304).send();
    return reply.header('etag', f.etag).header('cache-control', 'public, max-age=86400').type(f.type).send(f.body);
  });
}
