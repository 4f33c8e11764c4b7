import type { Level } from '../campaign/schema.ts';

export interface PolicySource {
  /** Knowledge entry id. */
  id: string;
  title: string;
  /** Verbatim clause of the notice (whitespace as in the notice's layout). */
  quote: string;
}

export interface PolicyAnswer {
  question: string;
  /** False when the notice does not cover the question; `text` then says so and gives a phone number. */
  found: boolean;
  /** Reply text: plain text, one level of simple markdown at most. */
  text: string;
  sources: PolicySource[];
  /** Confidence in [0, 1]: how much of the question the chosen entries speak to. */
  score: number;
}

export interface AskContext {
  /** The asker's level (from the group or the roster), led with in level-specific answers. */
  level?: Level;
  now: Date;
}

export interface PolicyService {
  answer(question: string, ctx: AskContext): PolicyAnswer;
}
