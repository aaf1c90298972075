import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { ArchangelConfig } from '../../src/config/schema.js';
import {
  cacheFileFor,
  cacheKey,
  currentValidatorParts,
  fingerprintOf,
  readValidatedConfig,
  writeValidatedConfig,
} from '../../src/config/validated-cache.js';
import { parseConfigText } from '../../src/config/validate.js';
import { ArchangelError } from '../../src/errors/archangel-error.js';
import { runCli } from '../helpers/cli.js';
import { createRepo, removeTempDirs, tempDir } from '../helpers/git.js';

// The repository's own archangel.json: a real config with every section filled in.
const REAL_CONFIG = readFileSync(new URL('../../archangel.json', import.meta.url), 'utf8');

function project(text: string = REAL_CONFIG): { dir: string; file: string; env: NodeJS.ProcessEnv; cacheFile: string } {
  const dir = tempDir();
  const file = join(dir, 'archangel.json');
  writeFileSync(file, text);
  const cache = join(dir, 'cache');
  return { dir, file, env: { ARCHANGEL_CACHE_DIR: cache }, cacheFile: cacheFileFor(cache, file) };
}

/** A config zod would never produce from REAL_CONFIG: seeing it back proves the cache answered. */
function planted(): ArchangelConfig {
  const config = parseConfigText(REAL_CONFIG, 'archangel.json');
  return { ...config, mentor: { ...config.mentor, level: 'senior', maxNotesPerSave: 7 } };
}

async function loadError(dir: string, env: NodeJS.ProcessEnv): Promise<ArchangelError> {
  const thrown: unknown = await loadConfig(dir, env).then(() => undefined, (error: unknown) => error);
  if (!(thrown instanceof ArchangelError)) throw new Error(`expected an ArchangelError, got ${String(thrown)}`);
  return thrown;
}

describe('the validated-config cache', () => {
  afterEach(removeTempDirs);

  it('remembers a config zod accepted and answers from it while the text is unchanged', async () => {
    const p = project();
    const first = await loadConfig(p.dir, p.env);
    expect(first.config).toEqual(parseConfigText(REAL_CONFIG, p.file));
    expect(readValidatedConfig(p.cacheFile, REAL_CONFIG)).toEqual(first.config);

    writeValidatedConfig(p.cacheFile, REAL_CONFIG, planted());
    expect((await loadConfig(p.dir, p.env)).config.mentor).toEqual({ level: 'senior', maxNotesPerSave: 7, minSeverity: 'info' });
  });

  it('is ignored once the text changes, even by one space', async () => {
    const p = project();
    writeValidatedConfig(p.cacheFile, REAL_CONFIG, planted());
    writeFileSync(p.file, `${REAL_CONFIG} `);
    const loaded = await loadConfig(p.dir, p.env);
    expect(loaded.config.mentor.level).toBe('junior');
    expect(readValidatedConfig(p.cacheFile, `${REAL_CONFIG} `)?.mentor.level).toBe('junior');
  });

  it('is ignored when written by another ArchAngel version, schema or zod', async () => {
    const current = currentValidatorParts();
    expect(current.schemaSource).toContain('strictObject');
    const others = [
      { ...current, archangelVersion: `${current.archangelVersion}-next` },
      { ...current, schemaSource: current.schemaSource.replace("default('junior')", "default('mid')") },
      { ...current, zodVersion: '3.25.0' },
    ];
    const p = project();
    await loadConfig(p.dir, p.env);
    // An entry as a validator with `fingerprint` would have written it, holding the planted config.
    const plantWith = (fingerprint: string) => {
      const config = JSON.stringify(planted());
      const key = cacheKey(REAL_CONFIG, fingerprint);
      writeFileSync(p.cacheFile, JSON.stringify({ key, config, check: createHash('sha256').update(key + config).digest('hex') }));
    };
    plantWith(fingerprintOf(current));
    expect((await loadConfig(p.dir, p.env)).config.mentor.level).toBe('senior');
    for (const other of others) {
      expect(fingerprintOf(other)).not.toBe(fingerprintOf(current));
      plantWith(fingerprintOf(other));
      expect((await loadConfig(p.dir, p.env)).config.mentor.level).toBe('junior');
    }
  });

  it('ignores a corrupt or hand-edited cache file and replaces it with a good one', async () => {
    const p = project();
    await loadConfig(p.dir, p.env);
    const good = readFileSync(p.cacheFile, 'utf8');
    const entry = JSON.parse(good) as { key: string; config: string; check: string };
    const corruptions = [
      good.slice(0, good.length / 2),
      'not json at all',
      'null',
      JSON.stringify({ ...entry, config: entry.config.replace('"junior"', '"senior"') }),
      JSON.stringify({ key: entry.key, config: 42, check: entry.check }),
    ];
    for (const corrupt of corruptions) {
      writeFileSync(p.cacheFile, corrupt);
      expect((await loadConfig(p.dir, p.env)).config.mentor.level).toBe('junior');
      expect(readFileSync(p.cacheFile, 'utf8')).toBe(good);
    }
  });

  it.skipIf(process.getuid?.() !== 0)('ignores an entry another user wrote', async () => {
    const p = project();
    await loadConfig(p.dir, p.env);
    writeValidatedConfig(p.cacheFile, REAL_CONFIG, planted());
    expect((await loadConfig(p.dir, p.env)).config.mentor.level).toBe('senior');
    chownSync(p.cacheFile, 4242, 4242);
    expect((await loadConfig(p.dir, p.env)).config.mentor.level).toBe('junior');
  });

  it('never caches an invalid config, and still gives the friendly errors', async () => {
    const p = project('{ "golden": [], "mentor": { "levle": "senior" } }');
    const error = await loadError(p.dir, p.env);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('unknown key "levle"');
    expect(error.hint).toContain('Did you mean "level"?');
    expect(existsSync(p.cacheFile)).toBe(false);

    // A valid config cached earlier does not hide a later syntax error.
    writeFileSync(p.file, REAL_CONFIG);
    await loadConfig(p.dir, p.env);
    writeFileSync(p.file, REAL_CONFIG.replace('"info" }', '"info", }'));
    const syntax = await loadError(p.dir, p.env);
    expect(syntax.message).toMatch(/at line 6, column \d+/);
  });

  it('loads the config when the cache folder cannot be written', async () => {
    const p = project();
    const blocker = join(p.dir, 'not-a-folder');
    writeFileSync(blocker, '');
    const loaded = await loadConfig(p.dir, { ARCHANGEL_CACHE_DIR: blocker });
    expect(loaded.config.golden).toHaveLength(1);
    expect(readdirSync(p.dir).sort()).toEqual(['archangel.json', 'not-a-folder']);
  });

  it('serves the CLI: a valid config is cached, a broken edit is reported as before', () => {
    const repo = createRepo();
    const cache = tempDir();
    writeFileSync(join(repo.dir, 'archangel.json'), JSON.stringify({ golden: [] }));
    const first = runCli(repo.dir, ['progress', '--json'], { ARCHANGEL_CACHE_DIR: cache });
    expect(first.status).toBe(0);
    expect(readdirSync(join(cache, 'config'))).toHaveLength(1);
    expect(runCli(repo.dir, ['progress', '--json'], { ARCHANGEL_CACHE_DIR: cache }).status).toBe(0);

    writeFileSync(join(repo.dir, 'archangel.json'), JSON.stringify({ golde: [] }));
    const broken = runCli(repo.dir, ['progress', '--json'], { ARCHANGEL_CACHE_DIR: cache });
    expect(broken.status).toBe(3);
    expect(broken.stderr).toContain('Did you mean "golden"?');
  });

  it('does not load zod at all when the config is cached (that is the point)', () => {
    const p = project();
    // A module hook that names every module the child loads, on stderr.
    const hooks = tempDir();
    writeFileSync(join(hooks, 'hook.mjs'), 'export async function load(url, context, next) { process._rawDebug(`LOAD ${url}`); return next(url, context); }\n');
    writeFileSync(join(hooks, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${join(hooks, 'hook.mjs')}`)});\n`);
    const projectModule = new URL('../../dist/config/project.js', import.meta.url).href;
    const script = `const { openProject } = await import(${JSON.stringify(projectModule)}); await openProject(${JSON.stringify(p.dir)});`;
    const loadsZod = () => {
      const run = spawnSync(process.execPath, ['--import', join(hooks, 'register.mjs'), '--input-type=module', '-e', script], { env: { ...process.env, ...p.env }, encoding: 'utf8' });
      expect(run.status).toBe(0);
      expect(run.stderr).toContain('config/project.js');
      return run.stderr.includes('/node_modules/zod/');
    };
    expect(loadsZod()).toBe(true);
    expect(loadsZod()).toBe(false);
    writeFileSync(p.file, `${REAL_CONFIG}\n`);
    expect(loadsZod()).toBe(true);
  });
});
