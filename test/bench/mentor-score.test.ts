import { describe, expect, it } from 'vitest';
import type { BenchCase } from '../../bench/mentor/cases.js';
import { scoreCase, tally, type ScoredNote } from '../../bench/mentor/score.js';
import type { Note } from '../../src/tutor/types.js';

describe('scoreCase', () => {
  const problem: BenchCase = { language: 'python', name: 'no-timeout.py', text: '', companions: [], label: { path: 'app/orders.py', problem: 'no-timeout', category: 'correctness', keyLines: [7, 8], keyText: 'x', minor: [] } };
  const clean: BenchCase = { language: 'python', name: 'clean.py', text: '', companions: [], label: { path: 'app/client.py', clean: true, about: 'x' } };
  const note = (startLine: number, endLine = startLine, severity: Note['severity'] = 'warn', path = 'app/orders.py'): ScoredNote => ({
    note: { id: `${startLine}`, path, startLine, endLine, topic: 'py.naming.function', severity, title: 'naming', ladder: [], evidence: [], source: 'offline' },
    example: { kind: 'none' },
  });

  it('counts a first note overlapping the key lines as top1 and hit@3', () => {
    expect(scoreCase(problem, [note(5, 7), note(1)])).toMatchObject({ top1: true, hit3: true });
  });

  it('counts strictly only a first note that starts near the key lines or is short: a handler-long note covering them is top1 only loosely', () => {
    expect(scoreCase(problem, [note(5, 7)])).toMatchObject({ top1: true, top1Strict: true });
    expect(scoreCase(problem, [note(1, 40)])).toMatchObject({ top1: true, top1Strict: false });
    expect(scoreCase(problem, [note(4, 60)])).toMatchObject({ top1: true, top1Strict: true });
    expect(scoreCase(problem, [note(1, 12)])).toMatchObject({ top1: true, top1Strict: true });
    expect(scoreCase(problem, [note(1)])).toMatchObject({ top1: false, top1Strict: false });
  });

  it('counts a key-line note in second or third place as hit@3 only, and in fourth place as neither', () => {
    expect(scoreCase(problem, [note(1), note(2), note(8)])).toMatchObject({ top1: false, hit3: true });
    expect(scoreCase(problem, [note(1), note(2), note(3), note(8)])).toMatchObject({ top1: false, hit3: false });
  });

  it('does not count a note on the same lines of another file, nor silence', () => {
    expect(scoreCase(problem, [note(7, 7, 'warn', 'app/other.py')])).toMatchObject({ top1: false, hit3: false });
    expect(scoreCase(problem, [])).toMatchObject({ top1: false, hit3: false });
  });

  it('keeps a clean change clean with info notes, not with a warning', () => {
    expect(scoreCase(clean, [note(1, 1, 'info')]).clean).toBe(true);
    expect(scoreCase(clean, [note(1, 1, 'info'), note(2, 2, 'warn')]).clean).toBe(false);
  });

  it('tallies each measure over the cases it applies to', () => {
    const t = tally([scoreCase(problem, [note(7)]), scoreCase(problem, [note(1)]), scoreCase(clean, [note(1, 1, 'error')])]);
    expect(t).toMatchObject({ top1: { count: 1, of: 2 }, top1Strict: { count: 1, of: 2 }, hit3: { count: 1, of: 2 }, clean: { count: 0, of: 1 }, comparable: { count: 0, of: 0 }, noExample: { count: 3, of: 3 } });
  });
});
