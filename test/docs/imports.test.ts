import { describe, expect, it } from 'vitest';
import { importSpecifiers } from '../../src/docs/imports.js';
import { fromNodeModules } from '../helpers/corpus.js';

describe('imports read for the wiki diagram', () => {
  it('reads every import of a real file, and none from its comments', () => {
    // zod's test: a comment line above a type import mentions "import"; its specifier is real.
    const text = fromNodeModules('zod/src/v4/classic/tests/fix-json-issue.test.ts').toString('utf8');
    expect(importSpecifiers(text, 'typescript')).toEqual(expect.arrayContaining(['../../mini/index.js', '../../mini/schemas.js']));
    // zod's language-server test keeps an old import in a comment: it is no dependency.
    const commented = fromNodeModules('zod/src/v3/tests/language-server.test.ts').toString('utf8');
    expect(commented).toContain('// import { filePath } from "./language-server.source"');
    expect(importSpecifiers(commented, 'typescript')).not.toContain('./language-server.source');
  });

  it('drops imports in block comments and Python comments, keeps multi-line ones', () => {
    const ts = ['/**', ' * @example', " * import { parse } from './parse.js';", ' */', 'import {', '  load,', "} from './load.js';", "const lazy = await import('./lazy.js');"].join('\n');
    expect(importSpecifiers(ts, 'typescript')).toEqual(['./load.js', './lazy.js']);
    expect(importSpecifiers('# from .old import thing\nfrom .new import thing\n', 'python')).toEqual(['.new']);
  });
});
