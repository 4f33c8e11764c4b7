import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { campaignSchema, type Campaign, type Clause } from './schema.ts';

export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'data');
export const DEFAULT_CAMPAIGN = '2021-xj-cyber';

export interface LoadedCampaign extends Campaign {
  /** Full text of the notice the campaign cites, kept beside its data file. */
  noticeText: string;
}

export class CampaignError extends Error {}

/** Whitespace differs between the notice's page layout and a quoted clause; nothing else may. */
export const squash = (s: string) => s.replace(/\s+/g, '');

export function clauseInNotice(clause: Clause, notice: string): boolean {
  return squash(notice).includes(squash(clause.quote));
}

/** Every clause a campaign quotes, with where it is used, for verification. */
export function allClauses(c: Campaign): Array<{ where: string; clause: Clause }> {
  const out: Array<{ where: string; clause: Clause }> = [
    { where: 'fees', clause: c.fees.clause },
    { where: 'fees.review', clause: c.fees.reviewClause },
    { where: 'requirement', clause: c.requirement.clause },
  ];
  for (const w of c.windows) out.push({ where: `windows.${w.id}`, clause: w.clause });
  for (const k of c.contacts) out.push({ where: `contacts.${k.id}`, clause: k.clause });
  for (const s of c.websites) out.push({ where: `websites.${s.id}`, clause: s.clause });
  for (const e of c.knowledge) e.clauses.forEach((cl, i) => out.push({ where: `knowledge.${e.id}[${i}]`, clause: cl }));
  return out;
}

/** Resolve a campaign id (a file in data/) or a path to a campaign JSON file. */
export function campaignPath(idOrPath: string): string {
  if (idOrPath.endsWith('.json')) return resolve(idOrPath);
  return join(DATA_DIR, `${idOrPath}.json`);
}

export function listCampaignIds(): string[] {
  return readdirSync(DATA_DIR)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.knowledge.json'))
    .map((f) => basename(f, '.json'));
}

/**
 * Load and validate a campaign: the data file, its optional `<id>.knowledge.json`
 * and its `<id>.notice.txt`. Every quoted clause must occur in the notice.
 */
export function loadCampaign(idOrPath: string = DEFAULT_CAMPAIGN): LoadedCampaign {
  const file = campaignPath(idOrPath);
  if (!existsSync(file)) throw new CampaignError(`找不到活动数据文件：${file}`);
  const stem = file.slice(0, -'.json'.length);
  let raw: any;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CampaignError(`活动数据文件不是有效的 JSON：${file}：${(e as Error).message}`);
  }
  const knowledgeFile = `${stem}.knowledge.json`;
  if (existsSync(knowledgeFile) && !raw.knowledge) raw.knowledge = JSON.parse(readFileSync(knowledgeFile, 'utf8'));
  const parsed = campaignSchema.safeParse(raw);
  if (!parsed.success) throw new CampaignError(`活动数据无效（${file}）：\n${z.prettifyError(parsed.error)}`);
  const noticeFile = `${stem}.notice.txt`;
  if (!existsSync(noticeFile)) throw new CampaignError(`缺少通知原文：${noticeFile}`);
  const noticeText = readFileSync(noticeFile, 'utf8');
  const missing = allClauses(parsed.data).filter((x) => !clauseInNotice(x.clause, noticeText));
  if (missing.length)
    throw new CampaignError(
      `活动数据引用的条文在通知原文中找不到：\n${missing.map((m) => `- ${m.where}：${m.clause.quote}`).join('\n')}`,
    );
  return { ...parsed.data, noticeText };
}
