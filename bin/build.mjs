// Bundles the bot's TypeScript (bot/, core/, db/) into plain JavaScript under dist/<content hash>/ for
// `npm start`. Running the sources through tsx instead keeps tsx's module-hook thread alive for the
// life of the process (about 33 MB of RSS); a bundle is built in ~0.1 s and only when a source changed.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['bot', 'core', 'db'];
const DIST = join(ROOT, 'dist');

function sourceFiles(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) sourceFiles(p, out);
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Hash of every source file and of the bundler's version: a changed file means a new build. */
function contentHash(esbuildVersion) {
  const h = createHash('sha256').update(esbuildVersion);
  for (const f of SOURCES.flatMap((d) => sourceFiles(join(ROOT, d))).sort()) h.update(relative(ROOT, f)).update('\0').update(readFileSync(f));
  return h.digest('hex').slice(0, 16);
}

/**
 * Source files find their data (campaign data, migrations, console assets) next to themselves through
 * import.meta.url; in the bundle that URL is the bundle's own, so each one is rewritten to point at the
 * original file, relative to the output folder (the checkout can still be moved).
 */
function keepModuleUrls(outDir) {
  return {
    name: 'keep-module-urls',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return { contents: text, loader: 'ts' };
        const rel = relative(outDir, args.path).split('\\').join('/');
        return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`), loader: 'ts' };
      });
    },
  };
}

/** The bundle's entry for `entry` (relative to the project root), building it first if the sources changed. */
export async function ensureBuilt(entry = 'bot/main.ts') {
  const esbuild = await import('esbuild');
  const hash = contentHash(esbuild.version);
  const outDir = join(DIST, hash);
  const main = join(outDir, 'main.mjs');
  if (!existsFile(main)) {
    // Built beside and renamed into place, so two processes starting together never see half a bundle.
    const tmp = join(DIST, `.build-${process.pid}-${Date.now()}`);
    mkdirSync(tmp, { recursive: true });
    try {
      const result = await esbuild.build({
        entryPoints: { main: join(ROOT, entry) },
        absWorkingDir: ROOT,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
        // Lazily imported parts (a platform adapter, PGlite) stay separate chunks, loaded only when used.
        splitting: true,
        outdir: tmp,
        outExtension: { '.js': '.mjs' },
        logLevel: 'error',
        plugins: [keepModuleUrls(outDir)],
        metafile: true,
      });
      // The content hash covers SOURCES only: a file bundled from elsewhere would not trigger a rebuild.
      const outside = Object.keys(result.metafile.inputs).filter((f) => !SOURCES.some((d) => f.startsWith(`${d}/`)));
      if (outside.length) throw new Error(`bundle imports files outside ${SOURCES.join(', ')}: ${outside.join(', ')}`);
      try {
        renameSync(tmp, outDir);
      } catch (e) {
        // Another process put the same build there first.
        if (!existsFile(main)) throw e;
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    for (const old of readdirSync(DIST)) if (old !== hash && !old.startsWith('.build-')) rmSync(join(DIST, old), { recursive: true, force: true });
  }
  return pathToFileURL(main).href;
}

function existsFile(p) {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
