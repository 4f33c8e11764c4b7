import { randomBytes } from 'node:crypto';
import type { SheetRow } from '../../core/imports/table.ts';

export type ImportKindKey = 'roster' | 'attendance' | 'exams';

export interface PendingImport {
  id: string;
  kind: ImportKindKey;
  fileName: string;
  rows: SheetRow[];
  options: { level?: string; sessionId?: number; subject?: 'public' | 'professional' };
  /** Only the admin who previewed may commit. */
  admin: string;
  createdAt: number;
}

const TTL_MS = 30 * 60_000;
const MAX = 20;

/**
 * Uploaded files between preview and commit, in memory: nothing reaches the database before the admin
 * confirms. Kept 30 minutes, at most 20 at once (oldest dropped). One process only: a console behind a
 * load balancer needs sticky sessions.
 */
export class PendingImports {
  private items = new Map<string, PendingImport>();

  constructor(private now: () => number = Date.now) {}

  add(p: Omit<PendingImport, 'id' | 'createdAt'>): PendingImport {
    this.sweep();
    while (this.items.size >= MAX) this.items.delete(this.items.keys().next().value!);
    const item = { ...p, id: randomBytes(16).toString('base64url'), createdAt: this.now() };
    this.items.set(item.id, item);
    return item;
  }

  get(id: string, admin: string): PendingImport | undefined {
    this.sweep();
    const p = this.items.get(id);
    return p && p.admin === admin ? p : undefined;
  }

  delete(id: string) {
    this.items.delete(id);
  }

  private sweep() {
    const now = this.now();
    for (const [id, p] of this.items) if (now - p.createdAt > TTL_MS) this.items.delete(id);
  }
}
