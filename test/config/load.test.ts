import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { parseConfigText } from '../../src/config/validate.js';
import { configJsonSchema } from '../../src/config/json-schema.js';
import { ArchangelError } from '../../src/errors/archangel-error.js';
import { readFileSync } from 'node:fs';

function errorOf(fn: () => unknown): ArchangelError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ArchangelError) return error;
    throw error;
  }
  throw new Error('expected an ArchangelError');
}

describe('archangel.json', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('fills defaults for everything left out', () => {
    const config = parseConfigText('{ "golden": ["acme/api"] }', 'archangel.json');
    expect(config.golden).toEqual(['acme/api']);
    expect(config.index.path).toBe('.archangel/index.db');
    expect(config.embeddings.provider).toBe('local');
    expect(config.mentor.maxNotesPerSave).toBe(3);
  });

  it('reports malformed JSON with a line and column', () => {
    const error = errorOf(() => parseConfigText('{\n  "golden": [\n    "a/b",\n  ]\n}', '/x/archangel.json'));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('/x/archangel.json is not valid JSON');
    expect(error.message).toMatch(/line 4, column 3/);
    expect(error.hint).toMatch(/trailing comma/);
  });

  it('says an empty file is empty, not that it has a trailing comma', () => {
    for (const text of ['', '  \n', '\uFEFF']) {
      const error = errorOf(() => parseConfigText(text, '/x/archangel.json'));
      expect(error.code).toBe('CONFIG_INVALID');
      expect(error.message).toBe('/x/archangel.json is empty.');
      expect(error.hint).toContain('archangel init');
      expect(error.hint).not.toMatch(/trailing comma/);
    }
  });

  it('reads a file that starts with a byte-order mark', () => {
    expect(parseConfigText('\uFEFF{ "golden": ["acme/api"] }', 'archangel.json').golden).toEqual(['acme/api']);
  });

  it('refuses an index.maxFileBytes above the ceiling, saying why', () => {
    const error = errorOf(() => parseConfigText('{ "index": { "maxFileBytes": 100000000 } }', 'archangel.json'));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toBe('archangel.json: "index.maxFileBytes" is number 100000000, more than the most allowed, 4000000.');
    expect(error.hint).toContain('tens of times its size in memory');
    expect(parseConfigText('{ "index": { "maxFileBytes": 4000000 } }', 'archangel.json').index.maxFileBytes).toBe(4_000_000);
  });

  it('names an unknown key and suggests the closest known one', () => {
    const error = errorOf(() => parseConfigText('{ "golde": [] }', 'archangel.json'));
    expect(error.message).toContain('unknown key "golde"');
    expect(error.hint).toContain('Did you mean "golden"?');
  });

  it('names the key path and expected type of a wrong type', () => {
    const error = errorOf(() => parseConfigText('{ "mentor": { "maxNotesPerSave": "three" } }', 'archangel.json'));
    expect(error.message).toContain('"mentor.maxNotesPerSave" should be number, got string "three"');
  });

  it('lists the allowed values of an enum', () => {
    const error = errorOf(() => parseConfigText('{ "embeddings": { "provider": "magic" } }', 'archangel.json'));
    expect(error.message).toContain('"embeddings.provider"');
    expect(error.message).toContain('"local"');
  });

  it('explains a golden entry that is none of the accepted shapes', () => {
    const error = errorOf(() => parseConfigText('{ "golden": [42] }', 'archangel.json'));
    expect(error.message).toContain('"golden[0]" is not a golden repository');
    expect(error.hint).toContain('owner/repo');
  });

  it('is found by walking up from a nested folder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'aa-config-'));
    dirs.push(root);
    writeFileSync(join(root, 'archangel.json'), '{ "golden": [{ "path": "." }] }');
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    const loaded = await loadConfig(join(root, 'a', 'b'), { ARCHANGEL_CACHE_DIR: join(root, 'cache') });
    expect(loaded.root).toBe(root);
    expect(loaded.config.golden).toEqual([{ path: '.' }]);
  });

  it('says how to create one when there is none', async () => {
    const root = mkdtempSync(join(tmpdir(), 'aa-noconfig-'));
    dirs.push(root);
    const error = await loadConfig(root, { ARCHANGEL_CACHE_DIR: join(root, 'cache') }).then(
      () => expect.fail('expected an ArchangelError'),
      (thrown: unknown) => thrown as ArchangelError,
    );
    expect(error).toBeInstanceOf(ArchangelError);
    expect(error.code).toBe('CONFIG_NOT_FOUND');
    expect(error.hint).toContain('archangel init');
  });

  it('ships a schema.json that matches the zod schema', () => {
    const shipped = JSON.parse(readFileSync(new URL('../../schema.json', import.meta.url), 'utf8'));
    expect(shipped).toEqual(configJsonSchema());
  });

  it('validates the repository\'s own archangel.json', () => {
    const text = readFileSync(new URL('../../archangel.json', import.meta.url), 'utf8');
    expect(parseConfigText(text, 'archangel.json').golden).toHaveLength(1);
  });
});
