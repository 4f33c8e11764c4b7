/**
 * Every user-facing string, in Simplified Chinese. One file per area; this index joins them.
 * Code elsewhere never writes Chinese text inline.
 */
export { chat, subjectLabel, SUBJECT_WORDS, type SubjectKey } from './chat.ts';
export { sandbox } from './sandbox.ts';
export { policy } from './policy.ts';
