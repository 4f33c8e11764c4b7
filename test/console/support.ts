import type { FastifyInstance } from 'fastify';
import { startTestApp, type TestApp } from '../support/app.ts';

export const TOKEN = 'console-test-token-0123456789';

/** The real app with an ADMIN_TOKEN, on this file's own database, demo roster loaded. */
export const startConsoleApp = (env: Record<string, string> = {}) => startTestApp({ env: { ADMIN_TOKEN: TOKEN, ...env }, policy: null });

export const bearer = (token = TOKEN) => ({ authorization: `Bearer ${token}` });

/** A cookie jar over fastify.inject: enough of a browser for the form flows (cookies, CSRF field). */
export class FormClient {
  private jar = new Map<string, string>();
  constructor(private server: FastifyInstance) {}

  private keep(setCookie: string | string[] | undefined) {
    for (const c of [setCookie ?? []].flat()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1);
      // Cleared cookies come back empty with an expiry in the past.
      if (!value || attrs.some((a) => /expires=Thu, 01 Jan 1970/i.test(a))) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  cookie() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  has(name: string) {
    return this.jar.has(name);
  }

  async get(url: string) {
    const r = await this.server.inject({ url, headers: { cookie: this.cookie() } });
    this.keep(r.headers['set-cookie']);
    return r;
  }

  /** The CSRF token of a page's form. */
  async csrf(url = '/admin/login') {
    const r = await this.get(url);
    const m = /name="_csrf" value="([^"]+)"/.exec(r.body);
    if (!m) throw new Error(`no CSRF field on ${url} (${r.statusCode})`);
    return m[1];
  }

  async post(url: string, fields: Record<string, string>, opts: { csrfFrom?: string; noCsrf?: boolean } = {}) {
    const body = new URLSearchParams(fields);
    if (!opts.noCsrf && !fields._csrf) body.set('_csrf', await this.csrf(opts.csrfFrom ?? '/admin/login'));
    const r = await this.server.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookie(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    this.keep(r.headers['set-cookie']);
    return r;
  }

  async login(name = '培训中心王老师', token = TOKEN) {
    return this.post('/admin/login', { token, name });
  }
}

/** A multipart body with one file and some fields, as a browser form would send it. */
export function multipart(file: { name: string; data: Buffer; type?: string }, fields: Record<string, string> = {}) {
  const boundary = `----cebot${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export type { TestApp };
