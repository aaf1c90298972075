import { describe, expect, it } from 'vitest';
import { conflictMarkerLines, withoutConflictMarkers } from '../../../src/review/diff/conflicts.js';

const numbered = (text: string) => text.split('\n').map((line, index) => ({ line: index + 1, text: line }));

describe('conflict markers', () => {
  it('finds the markers of a merge, diff3 base included', () => {
    const text = ['a();', '<<<<<<< HEAD', 'b();', '||||||| base', 'c();', '=======', 'd();', '>>>>>>> feature', 'e();'].join('\n');
    expect(conflictMarkerLines(numbered(text))).toEqual([2, 4, 6, 8]);
  });

  it('finds a marker left alone (the rest already deleted)', () => {
    expect(conflictMarkerLines(numbered('a();\n>>>>>>> theirs\n'))).toEqual([2]);
  });

  it('leaves a heading underline and look-alikes alone', () => {
    expect(conflictMarkerLines(numbered('Title\n=======\n\ntext'))).toEqual([]);
    expect(conflictMarkerLines(numbered('x <<<<<<< y\n<<<<<<<<< eight\n========'))).toEqual([]);
  });

  it('empties the marker lines for the parser, keeping every line number', () => {
    const text = 'f() {\n<<<<<<< HEAD\n  a();\n=======\n  b();\n>>>>>>> other\n}\n';
    expect(withoutConflictMarkers(text)).toBe('f() {\n\n  a();\n\n  b();\n\n}\n');
    expect(withoutConflictMarkers('no markers\n')).toBe('no markers\n');
  });
});
