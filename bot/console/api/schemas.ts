/** JSON schemas of the admin API: they validate requests and describe them in the OpenAPI document. */

export const security = [{ bearer: [] }];

export const idParams = { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] } as const;

export const errorResponse = {
  type: 'object',
  description: 'Error: a code and a message in Chinese for the operator; `details` lists every problem found.',
  properties: { error: { type: 'string' }, message: { type: 'string' }, details: { type: 'array', items: { type: 'string' } } },
} as const;

/** Free-form JSON result (documented by its description; nothing is stripped on the way out). */
export const anyObject = (description: string) => ({ type: 'object', description, additionalProperties: true }) as const;

export const subject = { type: 'string', enum: ['public', 'professional'], description: 'public = 公需, professional = 专业' } as const;

export const sessionBody = {
  type: 'object',
  properties: {
    title: { type: 'string', maxLength: 200 },
    level: { type: ['string', 'null'], description: '初级 / 中级 / 副高级; null or empty = every level' },
    subject,
    startsAt: { type: 'string', description: "ISO 8601 instant, or 'YYYY-MM-DD HH:MM' in the campaign's time zone (Beijing time)" },
    endsAt: { type: 'string', description: 'as startsAt' },
    hours: { type: 'number', minimum: 0.5, maximum: 100, multipleOf: 0.5 },
    creditRule: { type: 'string', enum: ['checkin', 'watchtime'] },
    thresholdPercent: { type: ['integer', 'null'], minimum: 1, maximum: 100, description: 'watch-time share for full credit; null = the campaign default' },
  },
} as const;

export const traineePatch = {
  type: 'object',
  properties: {
    name: { type: 'string', maxLength: 100 },
    level: { type: 'string' },
    unit: { type: 'string', maxLength: 200 },
    phoneTail: { type: 'string', pattern: '^(\\d{4})?$' },
    active: { type: 'boolean' },
  },
  additionalProperties: false,
} as const;

export const examBody = {
  type: 'object',
  properties: { subject, score: { type: 'number', minimum: 0, maximum: 100 } },
  required: ['subject', 'score'],
} as const;

export const adjustmentBody = {
  type: 'object',
  properties: { subject, delta: { type: 'number', description: '± hours, step 0.5' }, reason: { type: 'string', minLength: 1, maxLength: 500 } },
  required: ['subject', 'delta', 'reason'],
} as const;

export const exemptionBody = {
  type: 'object',
  properties: { reason: { type: 'string', description: "one of the campaign's exemption reasons (e.g. 访惠聚驻村)" }, approvalRef: { type: 'string', minLength: 1, maxLength: 200 } },
  required: ['reason', 'approvalRef'],
} as const;

export const revokeBody = { type: 'object', properties: { note: { type: 'string', minLength: 1, maxLength: 500 } }, required: ['note'] } as const;
