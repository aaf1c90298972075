import { describe, expect, it } from 'vitest';
import { isArchangelError } from '../../src/errors/archangel-error.js';
import { mergeRegions, parseRegions, renderRegions } from '../../src/docs/markers.js';

const REGIONS = [
  { name: 'one', content: '# Title\n\ngenerated one' },
  { name: 'two', content: 'generated two' },
];

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('generated regions', () => {
  it('writes a new file as its regions between markers, and reads them back', () => {
    const text = renderRegions(REGIONS);
    expect(text).toBe('<!-- archangel:begin one -->\n# Title\n\ngenerated one\n<!-- archangel:end one -->\n\n<!-- archangel:begin two -->\ngenerated two\n<!-- archangel:end two -->\n');
    expect(parseRegions(text, 'X.md').map((r) => [r.name, r.content])).toEqual([['one', '# Title\n\ngenerated one'], ['two', 'generated two']]);
  });

  it('replaces only the regions and keeps hand-written text around them byte for byte', () => {
    const written = renderRegions(REGIONS);
    const edited = `Intro written by hand.\r\n\n${written.replace('<!-- archangel:begin two -->', 'Between, by hand  \n\n<!-- archangel:begin two -->')}Trailer by hand.\n`;
    const merged = mergeRegions(edited, [{ name: 'one', content: 'new one' }, { name: 'two', content: 'new two' }], 'X.md');
    expect(merged).toBe(edited.replace('# Title\n\ngenerated one', 'new one').replace('generated two', 'new two'));
    expect(mergeRegions(merged, [{ name: 'one', content: 'new one' }, { name: 'two', content: 'new two' }], 'X.md')).toBe(merged);
  });

  it('adds regions that are new after the last one and removes those no longer generated', () => {
    const written = `${renderRegions(REGIONS)}Tail.\n`;
    const merged = mergeRegions(written, [{ name: 'two', content: 'two' }, { name: 'three', content: 'three' }], 'X.md');
    expect(merged).toBe('<!-- archangel:begin two -->\ntwo\n<!-- archangel:end two -->\n\n<!-- archangel:begin three -->\nthree\n<!-- archangel:end three -->\nTail.\n');
  });

  it('puts a region new in this version where it is generated, not at the end: after the one before it, or first', () => {
    const written = `Intro.\n\n${renderRegions(REGIONS)}Tail.\n`;
    const regions = [{ name: 'zero', content: '0' }, { name: 'one', content: '1' }, { name: 'between', content: 'b' }, { name: 'two', content: '2' }];
    const merged = mergeRegions(written, regions, 'X.md');
    expect(parseRegions(merged, 'X.md').map((r) => r.name)).toEqual(['zero', 'one', 'between', 'two']);
    expect(merged.startsWith('Intro.\n\n<!-- archangel:begin zero -->')).toBe(true);
    expect(merged.endsWith('<!-- archangel:end two -->\nTail.\n')).toBe(true);
    expect(mergeRegions(merged, regions, 'X.md')).toBe(merged);
    expect(merged).toBe(`Intro.\n\n${renderRegions(regions)}Tail.\n`);
  });

  it('refuses a file without markers, with a hint, unless forced', () => {
    const error = thrown(() => mergeRegions('# Our style guide, by hand\n', REGIONS, 'docs/CODE_STYLE.md'));
    expect(isArchangelError(error) && error.code).toBe('USAGE');
    expect((error as Error).message).toContain('docs/CODE_STYLE.md');
    expect(isArchangelError(error) && error.hint).toContain('--force');
    expect(mergeRegions('# by hand\n', REGIONS, 'X.md', true)).toBe(renderRegions(REGIONS));
  });

  it('refuses a region that opens and never closes instead of guessing where it ends', () => {
    const broken = '<!-- archangel:begin one -->\ntext\n<!-- archangel:begin two -->\nx\n<!-- archangel:end two -->\n';
    const error = thrown(() => mergeRegions(broken, REGIONS, 'X.md'));
    expect((error as Error).message).toContain('"one" region that opens but never closes');
  });

  it('records the evidence hash of a region a model wrote', () => {
    const text = renderRegions([{ name: 'overview', content: 'prose', modelHash: 'abc123' }]);
    expect(text.split('\n')[0]).toBe('<!-- archangel:begin overview model=abc123 -->');
    expect(parseRegions(text, 'X.md')[0]).toMatchObject({ name: 'overview', content: 'prose', modelHash: 'abc123' });
  });
});
