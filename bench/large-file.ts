// Peak memory of indexing one large golden file, at the default `index.maxFileBytes` (1 MB) and at
// the most it may be raised to (MAX_FILE_BYTES_CEILING), each in a fresh `archangel index` process.
// The ceiling's comment in src/config/schema.ts quotes these figures.
// Run: npm run build && npx tsx bench/large-file.ts [--sizes 1000000,4000000]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_FILE_BYTES_CEILING } from '../src/config/schema.js';
import { git } from './lib/corpus.js';

const BIN = new URL('../bin/archangel.js', import.meta.url).pathname;
const ZOD = new URL('../node_modules/zod/src/v4/core/', import.meta.url).pathname;
const sizesArg = process.argv[process.argv.indexOf('--sizes') + 1];
const sizes = process.argv.includes('--sizes') && sizesArg ? sizesArg.split(',').map(Number) : [1_000_000, MAX_FILE_BYTES_CEILING];

/** Real TypeScript, zod's sources over and over, cut at a line end just under `bytes` bytes. */
function sourceOf(bytes: number): Buffer {
  const one = Buffer.concat(readdirSync(ZOD).filter((name) => name.endsWith('.ts')).map((name) => readFileSync(join(ZOD, name))));
  const text = Buffer.concat(Array.from({ length: Math.ceil(bytes / one.length) }, () => one));
  return text.subarray(0, text.lastIndexOf('\n', bytes - 1) + 1);
}

/** The child reports its own peak RSS (KB) as it exits: worker threads included. */
const REPORT = `data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss '+process.resourceUsage().maxRSS+'\\n'))`;

console.log('| file | peak RSS | RSS / file size | seconds |');
console.log('| --- | --- | --- | --- |');
for (const size of sizes) {
  const work = mkdtempSync(join(tmpdir(), 'aa-bench-large-'));
  const golden = join(work, 'golden');
  mkdirSync(join(golden, 'src'), { recursive: true });
  writeFileSync(join(golden, 'src', 'large.ts'), sourceOf(size));
  git(golden, 'init', '-q');
  git(golden, 'add', '-A');
  git(golden, '-c', 'user.name=b', '-c', 'user.email=b@example.invalid', 'commit', '-qm', 'large');
  const project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'archangel.json'), JSON.stringify({ golden: [{ path: golden, name: 'large' }], index: { maxFileBytes: Math.min(size + 1, MAX_FILE_BYTES_CEILING) } }));
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--import', REPORT, BIN, 'index', '--json'], { cwd: project, encoding: 'utf8', env: { ...process.env, ARCHANGEL_CACHE_DIR: join(work, 'cache') } });
  const seconds = (performance.now() - started) / 1000;
  const rssMb = Number(/maxrss (\d+)/.exec(run.stderr)?.[1] ?? NaN) / 1024;
  const indexed = run.status === 0 && (JSON.parse(run.stdout) as { repos: Array<{ filesRead: number }> }).repos[0]?.filesRead === 1;
  if (!indexed) throw new Error(`the file was not indexed: ${run.stderr}${run.stdout}`);
  console.log(`| ${(size / 1e6).toFixed(1)} MB | ${rssMb.toFixed(0)} MB | ${(rssMb / (size / 1024 / 1024)).toFixed(0)}x | ${seconds.toFixed(1)} |`);
  rmSync(work, { recursive: true, force: true });
}
