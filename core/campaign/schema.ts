import { z } from 'zod';

/** Levels the notice organises training for, in ascending order. */
export const LEVELS = ['初级', '中级', '副高级'] as const;
export const levelSchema = z.enum(LEVELS);
export type Level = z.infer<typeof levelSchema>;

export const SUBJECTS = ['public', 'professional'] as const;
export const subjectSchema = z.enum(SUBJECTS);
export type Subject = z.infer<typeof subjectSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** A quoted clause of the notice: `quote` must occur verbatim in the notice text. */
export const clauseSchema = z.object({
  section: z.string().min(1),
  quote: z.string().min(1),
});
export type Clause = z.infer<typeof clauseSchema>;

export const windowSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  /** First day, Beijing time (or the campaign's timezone). */
  start: isoDate,
  /** Last day, inclusive: the window closes at 24:00 of this day. */
  end: isoDate,
  /** Levels concerned; empty = all. */
  levels: z.array(levelSchema).default([]),
  /** Whether reminders are posted for this window. */
  remind: z.boolean().default(true),
  /** What a trainee should do, for reminder texts. */
  action: z.string().min(1),
  clause: clauseSchema,
});
export type CampaignWindow = z.infer<typeof windowSchema>;

export const contactSchema = z.object({
  id: z.enum(['training', 'title', 'tech']),
  name: z.string().min(1),
  topic: z.string().min(1),
  phones: z.array(z.string().min(1)).min(1),
  clause: clauseSchema,
});
export type Contact = z.infer<typeof contactSchema>;

export const knowledgeEntrySchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  /** Everyday wording a trainee might use; fed to retrieval with the title. */
  keywords: z.array(z.string()).default([]),
  answer: z.string().min(1),
  /** Level-specific facts, led with when the asker's level is known. */
  byLevel: z.partialRecord(levelSchema, z.string()).optional(),
  /** Which contact to point at when this topic is asked about. */
  contact: z.enum(['training', 'title', 'tech']).optional(),
  /** Window this entry is about, for relative-date answers. */
  window: z.string().optional(),
  /** Several windows (e.g. an overview of the whole schedule), for relative-date answers. */
  windows: z.array(z.string()).optional(),
  /** The entry only says when something happens: it ranks lower for questions that do not ask when. */
  datesOnly: z.boolean().optional(),
  /** The entry is a candidate only when the question contains one of these words (e.g. 正高级). */
  requires: z.array(z.string().min(1)).optional(),
  clauses: z.array(clauseSchema).min(1),
});
export type KnowledgeEntry = z.infer<typeof knowledgeEntrySchema>;

export const campaignSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1),
    year: z.number().int().min(2000).max(2100),
    document: z.object({ number: z.string(), title: z.string(), issuer: z.string(), date: isoDate }),
    timezone: z.string().default('Asia/Shanghai'),
    levels: z
      .array(
        z.object({
          level: levelSchema,
          dingtalkGroup: z.string().regex(/^\d+$/),
          trainingFee: z.number().positive(),
          reviewFee: z.number().positive(),
        }),
      )
      .min(1),
    fees: z.object({ trainingIncludes: z.string(), clause: clauseSchema, reviewClause: clauseSchema }),
    windows: z.array(windowSchema).min(1),
    requirement: z.object({
      totalHours: z.number().positive(),
      publicHours: z.number().nonnegative(),
      professionalHours: z.number().nonnegative(),
      clause: clauseSchema,
    }),
    exam: z.object({
      passMark: z.number().min(0).max(100).default(60),
      /** Subjects whose exam must be passed for the year to count as complete. */
      required: z.array(subjectSchema).default(['professional']),
    }),
    credit: z.object({
      /** Watch time ≥ this % of the session length earns the full hours. */
      watchThresholdPercent: z.number().min(1).max(100).default(80),
      /** Below the threshold, credit is proportional and rounded down to this step. */
      roundingStep: z.number().positive().default(0.5),
    }),
    submissionLimit: z.number().int().positive(),
    nickname: z.object({ allowSuffix: z.boolean().default(true) }).default({ allowSuffix: true }),
    exemptionReasons: z.array(z.string().min(1)).min(1),
    contacts: z.array(contactSchema).min(1),
    websites: z.array(z.object({ id: z.string(), name: z.string(), url: z.string(), clause: clauseSchema })),
    qqGroup: z.string().optional(),
    reminders: z
      .object({
        time: z.string().regex(/^\d{2}:\d{2}$/).default('10:00'),
        daysBefore: z.array(z.number().int().positive()).default([7, 3, 1]),
        nudgeDaysBefore: z.array(z.number().int().positive()).default([3, 1]),
      })
      .default({ time: '10:00', daysBefore: [7, 3, 1], nudgeDaysBefore: [3, 1] }),
    knowledge: z.array(knowledgeEntrySchema).default([]),
  })
  .superRefine((c, ctx) => {
    const ids = new Set<string>();
    for (const w of c.windows) {
      if (w.start > w.end) ctx.addIssue({ code: 'custom', message: `窗口 ${w.id} 的开始日期晚于结束日期`, path: ['windows'] });
      if (ids.has(w.id)) ctx.addIssue({ code: 'custom', message: `窗口编号重复：${w.id}`, path: ['windows'] });
      ids.add(w.id);
    }
    if (c.requirement.publicHours + c.requirement.professionalHours > c.requirement.totalHours)
      ctx.addIssue({ code: 'custom', message: '公需与专业学时之和超过总学时', path: ['requirement'] });
    const levels = new Set(c.levels.map((l) => l.level));
    if (levels.size !== c.levels.length) ctx.addIssue({ code: 'custom', message: '级别重复', path: ['levels'] });
  });

export type Campaign = z.output<typeof campaignSchema>;
export type CampaignInput = z.input<typeof campaignSchema>;
