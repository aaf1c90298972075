import { describe, expect, it } from 'vitest';
import { EvidenceList } from '../../../src/review/context/evidence.js';
import type { Evidence } from '../../../src/tutor/types.js';

const citation = { repo: 'golden', path: 'history.py', startLine: 577, endLine: 584, commit: 'c'.repeat(40) };
const golden = (extra: Partial<Extract<Evidence, { kind: 'golden' }>>): Evidence => ({ kind: 'golden', id: '', citation, snippet: 'cur.execute(sql, (a,))', ...extra });

describe('the evidence of a review', () => {
  it('numbers each piece once, but keeps golden lines shown as alike to one note apart from the same lines shown for another note\'s habit', () => {
    const list = new EvidenceList(10);
    const alike = list.add(golden({ comparable: true, why: 'calls cur.execute as these lines do' }));
    expect(list.add(golden({ comparable: true }))).toBe(alike);
    const habit = list.add(golden({ comparable: false }));
    const fix = list.add(golden({ comparable: false, fix: 'passes its values as parameters' }));
    expect(new Set([alike, habit, fix]).size).toBe(3);
    expect(list.items.map((item) => (item.kind === 'golden' ? item.comparable : undefined))).toEqual([true, false, false]);
  });
});
