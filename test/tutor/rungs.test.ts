import { describe, expect, it } from 'vitest';
import { CHANGE_AT_LAST_RUNG, enforceRungDiscipline, enforceRungText, RungPreview } from '../../src/tutor/rungs.js';
import type { Rung } from '../../src/tutor/types.js';

const learnerCode = `export async function loadUser(id: string) {
  try {
    const res = await api.get(\`/users/\${id}\`);
    return res.data;
  } catch (e) {}
}`;

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

describe('enforceRungDiscipline', () => {
  it('keeps a clean ladder as it is, level 4 diff included', () => {
    const ladder: Rung[] = [
      { level: 1, text: 'load.ts:14 — if `api.get()` fails, what does loadUser\'s caller receive?' },
      { level: 2, text: 'An empty catch turns a 404 into a silent undefined. Here a catch either handles or rethrows. Which fits?' },
      { level: 3, text: 'Compare the golden catch in users/service.ts with yours. What does { cause } keep?' },
      { level: 4, text: '```diff\n-  } catch (e) {}\n+  } catch (e) {\n+    throw new Error(`loadUser ${id}`, { cause: e });\n+  }\n```\nKeeps the reason.' },
    ];
    const result = enforceRungDiscipline(ladder, { code: learnerCode });
    expect(result).toEqual(ladder.map((rung) => ({ ...rung, text: rung.text.trim() })));
  });

  it('removes a fenced fix handed out at level 1 and keeps the question', () => {
    const [l1] = enforceRungDiscipline([
      {
        level: 1,
        text: 'Your catch swallows the error. Try this instead:\n```ts\n} catch (e) {\n  throw new Error("load failed", { cause: e });\n}\n```\nWhat does the caller see now?',
      },
    ]);
    expect(l1?.text).not.toContain('throw');
    expect(l1?.text).not.toContain('```');
    expect(l1?.text).toContain('What does the caller see now?');
  });

  it('removes an unclosed fence to the end of the rung', () => {
    const text = enforceRungText(2, 'Rethrow with context:\n```ts\nthrow new Error("x", { cause: e });');
    expect(text).toBe(`Rethrow with context: ${CHANGE_AT_LAST_RUNG}`);
  });

  it('removes diff lines but keeps bulleted prose', () => {
    const text = enforceRungText(
      2,
      'Two things to check:\n- what the caller receives on a 404\n-  } catch (e) {}\n+  } catch (e) { throw new Error("x", { cause: e }); }\nWhich one matters here?',
    );
    expect(text).toContain('what the caller receives on a 404');
    expect(text).not.toMatch(/catch \(e\)/);
    expect(text).toContain(CHANGE_AT_LAST_RUNG);
  });

  it('removes a hunk header and file headers', () => {
    const text = enforceRungText(2, 'Look at this:\n--- a/load.ts\n+++ b/load.ts\n@@ -12,3 +12,5 @@\n   try {\nWhat changed?');
    expect(text).not.toMatch(/@@|a\/load|b\/load/);
    expect(text).toMatch(/What changed\?$/);
  });

  it('removes indented code but keeps indented prose', () => {
    const text = enforceRungText(3, 'The golden version does this:\n\n    if (!res.ok) throw new HttpError(res);\n    return res.json();\n\n  What does it do differently?');
    expect(text).not.toContain('HttpError');
    expect(text).toContain('What does it do differently?');
    expect(enforceRungText(1, '    What does the caller of loadUser see\n    when the request fails?')).toBe(
      'What does the caller of loadUser see when the request fails?',
    );
  });

  it('replaces inline code that spells out the replacement, keeps names and quotes of the learner code', () => {
    const text = enforceRungText(
      1,
      'Your `catch (e) {}` on line 14 hides failures from `loadUser`; what if it were `throw new Error("load failed", { cause: e })`?',
      { code: learnerCode },
    );
    expect(text).toContain('`catch (e) {}`');
    expect(text).toContain('`loadUser`');
    expect(text).not.toContain('throw new Error');
    expect(text).toContain('that change (shown at the last rung)');
  });

  it('keeps short idea-naming spans and removes assignments', () => {
    expect(enforceRungText(2, 'What does `{ cause }` keep that a new message loses?')).toContain('`{ cause }`');
    expect(enforceRungText(2, 'Use `const user = await res.json()` here.')).not.toContain('const user');
    expect(enforceRungText(2, 'Maybe `items.map((item) => item.id)` reads better?')).not.toContain('=>');
  });

  it('removes a bare statement written into prose without backticks', () => {
    const text = enforceRungText(2, "Change it to throw new Error('load failed', { cause: e }); so callers know. Why does that help?");
    expect(text).not.toContain('throw new Error');
    expect(text).toContain('Why does that help?');
    // Prose that merely mentions a keyword stays.
    expect(enforceRungText(1, 'What does it return when the fetch fails (a 404, a timeout)?')).toBe(
      'What does it return when the fetch fails (a 404, a timeout)?',
    );
  });

  it('trims a wordy level 1 to two sentences, keeping the question', () => {
    const text = enforceRungText(
      1,
      'Great start on this function! Error handling is an important topic in software engineering. Many teams have conventions. What does loadUser return to its caller when api.get rejects?',
    );
    expect(text).toBe('Great start on this function! What does loadUser return to its caller when api.get rejects?');
  });

  it('trims a long level 1 to about sixty words without dropping it', () => {
    const long = `When ${'the request to the users endpoint fails for any reason '.repeat(10)}what happens?`;
    const text = enforceRungText(1, long);
    expect(wordCount(text)).toBeLessThanOrEqual(60);
    expect(text.endsWith('…')).toBe(true);
  });

  it('keeps at most three sentences at level 2', () => {
    const text = enforceRungText(2, 'One. Two, e.g. this. Three. Four. Five?');
    expect(text).toBe('One. Two, e.g. this. Five?');
  });

  it('never leaves a rung empty', () => {
    expect(enforceRungText(2, '```ts\nthrow e;\n```')).toBe(CHANGE_AT_LAST_RUNG);
  });

  it('does not touch level 4 beyond trimming', () => {
    const diff = '```diff\n-  } catch (e) {}\n+  } catch (e) { throw e; }\n```';
    expect(enforceRungText(4, `\n${diff}\n`)).toBe(diff);
  });
});

describe('RungPreview', () => {
  function streamAll(level: 1 | 2 | 3 | 4, chunks: string[]): string {
    const preview = new RungPreview(level);
    return chunks.map((chunk) => preview.push(chunk)).join('');
  }

  it('shows words as they complete', () => {
    const preview = new RungPreview(1);
    expect(preview.push('What do')).toBe('What');
    expect(preview.push('es the caller ')).toBe(' does the caller');
    expect(preview.push('see?\n')).toBe(' see?');
  });

  it('holds back an inline span until it closes, then shows it safely', () => {
    const shown = streamAll(1, ['What if it were `throw new ', 'Error(e)`', ' here? ']);
    expect(shown).not.toContain('throw');
    expect(shown).toContain('that change (shown at the last rung)');
  });

  it('never shows a fenced block while it streams', () => {
    const shown = streamAll(2, ['Try:\n``', '`ts\nthrow new Error("x", ', '{ cause: e });\n``', '`\nWhy? ']);
    expect(shown).not.toContain('throw');
  });

  it('streams level 4 untouched', () => {
    expect(streamAll(4, ['+ throw ', 'e;'])).toBe('+ throw e;');
  });
});
