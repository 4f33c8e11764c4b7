import type { Command } from '../command.ts';
import adjust from './adjust.ts';
import bind from './bind.ts';
import checkin from './checkin.ts';
import close from './close.ts';
import exempt from './exempt.ts';
import help from './help.ts';
import hours from './hours.ts';
import level from './level.ts';
import nickcheck from './nickcheck.ts';
import open from './open.ts';
import remind from './remind.ts';
import remindCancel from './remind-cancel.ts';
import remindList from './remind-list.ts';
import score from './score.ts';
import stats from './stats.ts';

/** Every command the bot knows; a new command is one file here plus its strings and its test. */
export const builtinCommands: Command[] = [checkin, hours, bind, help, open, close, nickcheck, score, adjust, exempt, stats, level, remind, remindList, remindCancel];
