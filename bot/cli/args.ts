import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LEVELS, type Level } from '../../core/campaign/schema.ts';
import { parseLevel } from '../../core/imports/values.ts';
import { cli as t } from '../../core/locales/zh-CN/cli.ts';
import { UsageError } from './io.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, with its English errors turned into zh-CN usage errors. */
export function parse<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    const err = e as Error & { code?: string };
    const opt = /'(-[^']*)'/.exec(err.message)?.[1] ?? '';
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(t.unknownOption(opt));
    if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(t.optionNeedsValue(opt.split(/[ ,]/)[0]));
    throw new UsageError(t.unknownOption(opt || err.message));
  }
}

export function levelOption(v: string | undefined): Level | undefined {
  if (v === undefined) return undefined;
  const l = parseLevel(v);
  if (!l || !LEVELS.includes(l)) throw new UsageError(t.badLevel(v));
  return l;
}
