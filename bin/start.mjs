#!/usr/bin/env node
// `npm start`: the bot as plain JavaScript, bundled from the TypeScript sources when they changed (see
// build.mjs). If the bundle cannot be written (a read-only checkout), the sources run through tsx.
import { ensureBuilt } from './build.mjs';

let entry;
try {
  entry = await ensureBuilt();
} catch (e) {
  process.stderr.write(`ce-bot: 无法生成 dist/（${e instanceof Error ? e.message : e}），改为直接运行 TypeScript 源码\n`);
  const { register } = await import('tsx/esm/api');
  register();
  entry = '../bot/main.ts';
}
await import(entry);
