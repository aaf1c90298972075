import { describe, expect, it } from 'vitest';
import { exemplifies } from '../../src/conventions/exemplifies.js';
import type { Convention } from '../../src/conventions/types.js';

const handlesErrors: Convention = {
  id: 'ts.errors.empty-catch',
  language: 'typescript',
  category: 'errors',
  statement: 'Catch blocks handle the error or say why they ignore it',
  expected: 'handles the error',
  support: 40,
  confidence: 0.95,
  examples: [],
  enforced: true,
};

/** Two catches that handle their errors: one around a file read, one around JSON.parse. */
const GOLDEN = [
  'async function readConfig(path: string) {',
  '  let raw: string;',
  '  try {',
  "    raw = await readFile(path, 'utf8');",
  '  } catch (err) {',
  '    throw new Error(`cannot read ${path}`, { cause: err });',
  '  }',
  '  try {',
  '    return JSON.parse(raw);',
  '  } catch (err) {',
  '    throw new Error(`cannot parse ${path}`, { cause: err });',
  '  }',
  '}',
].join('\n');

describe('where golden code shows a habit', () => {
  it('is the case nearest the line a note is about, or the first case without one', async () => {
    expect(await exemplifies(GOLDEN, 'typescript', handlesErrors)).toMatchObject({ start: 5 });
    expect(await exemplifies(GOLDEN, 'typescript', handlesErrors, undefined, 9)).toMatchObject({ start: 10 });
  });

  it('is nowhere in code where one case departs from it', async () => {
    const departs = GOLDEN.replace('    throw new Error(`cannot parse ${path}`, { cause: err });\n', '');
    expect(await exemplifies(departs, 'typescript', handlesErrors, undefined, 9)).toBeUndefined();
  });
});
