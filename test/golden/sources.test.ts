import { describe, expect, it } from 'vitest';
import { ArchangelError } from '../../src/errors/archangel-error.js';
import { resolveSources } from '../../src/golden/sources.js';

const ROOT = '/work/project';

function errorOf(run: () => unknown): ArchangelError {
  try {
    run();
  } catch (error) {
    if (error instanceof ArchangelError) return error;
    throw error;
  }
  throw new Error('expected an ArchangelError');
}

describe('resolveSources', () => {
  it('turns owner/repo into a GitHub https URL with a lower-case id and the name as written', () => {
    const [source] = resolveSources(['Acme/Payments-API'], ROOT);
    expect(source).toEqual({
      kind: 'remote',
      id: 'github.com/acme/payments-api',
      name: 'Acme/Payments-API',
      spec: 'Acme/Payments-API',
      url: 'https://github.com/Acme/Payments-API.git',
    });
  });

  it('keeps URLs and derives the same id from every spelling of one GitHub repository', () => {
    const ids = ['https://github.com/acme/api.git', 'git@github.com:acme/api.git', 'ssh://git@github.com/acme/api', 'acme/api.git'].map(
      (spec) => resolveSources([spec], ROOT)[0],
    );
    expect(ids.map((s) => s?.id)).toEqual(Array(4).fill('github.com/acme/api'));
    expect(ids.map((s) => s?.name)).toEqual(Array(4).fill('acme/api'));
    expect(ids[1]).toMatchObject({ kind: 'remote', url: 'git@github.com:acme/api.git' });
  });

  it('names other hosts by their last two path segments and file URLs by their folder', () => {
    const [gitlab, file] = resolveSources(['https://gitlab.example.com/group/sub/web.git', 'file:///srv/git/design-system.git'], ROOT);
    expect(gitlab).toMatchObject({ id: 'gitlab.example.com/group/sub/web', name: 'sub/web' });
    expect(file).toMatchObject({ kind: 'remote', id: 'file:/srv/git/design-system', name: 'design-system', url: 'file:///srv/git/design-system.git' });
  });

  it('resolves paths against the folder of archangel.json and keeps ref, include, exclude and name', () => {
    const [source] = resolveSources([{ path: '../design-system', ref: 'v2', include: ['src/**'], exclude: ['**/*.snap'], name: 'ds' }], ROOT);
    expect(source).toEqual({
      kind: 'local',
      id: 'local:/work/design-system',
      name: 'ds',
      spec: '../design-system',
      path: '/work/design-system',
      ref: 'v2',
      include: ['src/**'],
      exclude: ['**/*.snap'],
    });
  });

  it('names a local source after its folder, including the project itself', () => {
    expect(resolveSources([{ path: '.' }], ROOT)[0]).toMatchObject({ name: 'project', path: ROOT });
  });

  it.each(['owner/', '/repo', 'a/b/c', 'just-a-word', 'https://github.com/', 'git@host:', 'acme/../api'])('rejects %j with CONFIG_INVALID', (spec) => {
    const error = errorOf(() => resolveSources([spec], ROOT));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain(spec);
    expect(error.hint).toBeTruthy();
  });

  it('suggests { "path": ... } for a string that looks like a folder', () => {
    expect(errorOf(() => resolveSources(['../design-system'], ROOT)).hint).toContain('{ "path": "../design-system" }');
  });

  it('refuses a password in a URL without repeating it', () => {
    const error = errorOf(() => resolveSources(['https://me:hunter2@git.example.com/acme/api.git'], ROOT));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).not.toContain('hunter2');
  });

  it('refuses refs git would read as options', () => {
    expect(errorOf(() => resolveSources([{ url: 'acme/api', ref: '--upload-pack=evil' }], ROOT)).message).toContain('golden[0].ref');
  });

  it('refuses the same repository listed twice', () => {
    const error = errorOf(() => resolveSources(['acme/api', { url: 'https://github.com/ACME/api.git' }], ROOT));
    expect(error.message).toContain('listed twice');
  });

  it('tells apart two local folders of one name by their parents, and refuses a clash it cannot resolve', () => {
    expect(resolveSources([{ path: '../a/api' }, { path: '../b/api' }, { path: '../web' }], ROOT).map((s) => s.name)).toEqual(['a/api', 'b/api', 'web']);
    expect(resolveSources([{ path: '../a/api', name: 'api' }, { path: '../b/api' }], ROOT).map((s) => s.name)).toEqual(['api', 'b/api']);
    const hosts = errorOf(() => resolveSources(['https://github.com/acme/api.git', 'https://gitlab.com/acme/api.git'], ROOT));
    expect(hosts.code).toBe('CONFIG_INVALID');
    expect(hosts.message).toBe('golden repos https://github.com/acme/api.git and https://gitlab.com/acme/api.git would both be called "acme/api" in citations.');
    expect(errorOf(() => resolveSources([{ path: '../a/api', name: 'core' }, { url: 'acme/core', name: 'core' }], ROOT)).message).toContain('would both be called "core"');
  });
});
