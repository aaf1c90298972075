import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localModules } from '../../../src/review/context/local-modules.js';
import { createRepo, removeTempDirs } from '../../helpers/git.js';

afterAll(removeTempDirs);

describe('the project modules a file imports', () => {
  const repo = createRepo();
  const write = (path: string, text: string) => {
    mkdirSync(join(repo.dir, path, '..'), { recursive: true });
    writeFileSync(join(repo.dir, path), text);
  };
  write('src/jobs/mailer.js', 'module.exports = {};\n');
  write('src/db/client.ts', 'export const db = {};\n');
  write('src/db/models/index.ts', 'export {};\n');
  write('secret.js', 'module.exports = 1;\n');
  write('src/jobs/bundle.js', `module.exports = ${JSON.stringify('x'.repeat(600 * 1024))};\n`);
  const from = localModules(repo.dir, 'src/jobs/digest.ts');

  it('are found as Node and TypeScript resolve them: with an extension, TypeScript\'s .js for .ts, a folder\'s index', () => {
    expect(from('./mailer')?.path).toBe('src/jobs/mailer.js');
    expect(from('../db/client.js')?.path).toBe('src/db/client.ts');
    expect(from('../db/models')?.path).toBe('src/db/models/index.ts');
    expect(from('../db/client.js')?.text).toBe('export const db = {};\n');
  });

  it('are never packages, files that are not there, files too big to be a module someone wrote, or files outside the repository', () => {
    expect(from('nodemailer')).toBeUndefined();
    expect(from('./not-there')).toBeUndefined();
    expect(from('./bundle')).toBeUndefined();
    expect(from('../../secret.js')?.path).toBe('secret.js');
    expect(from('../../../etc/passwd')).toBeUndefined();
  });
});
