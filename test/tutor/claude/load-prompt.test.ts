import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPrompt, shippedPromptsDir } from '../../../src/tutor/prompts/load-prompt.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'archangel-prompts-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadPrompt', () => {
  it('fills the shipped template', async () => {
    const text = await loadPrompt('ask', { question: 'Why rethrow?' }, { projectRoot: dir });
    expect(text).toContain('<developer_question>\nWhy rethrow?\n</developer_question>');
    expect(text).not.toMatch(/\{\{/);
  });

  it('prefers the project override in .archangel/prompts', async () => {
    await mkdir(join(dir, '.archangel', 'prompts'), { recursive: true });
    await writeFile(join(dir, '.archangel', 'prompts', 'ask.md'), 'Q: {{ question }}');
    expect(await loadPrompt('ask', { question: 'Why?' }, { projectRoot: dir })).toBe('Q: Why?');
  });

  it('never expands placeholders inside values', async () => {
    await mkdir(join(dir, '.archangel', 'prompts'), { recursive: true });
    await writeFile(join(dir, '.archangel', 'prompts', 'ask.md'), '{{question}}');
    expect(await loadPrompt('ask', { question: 'a {{diff}} b' }, { projectRoot: dir })).toBe('a {{diff}} b');
  });

  it('names the template and the placeholder it cannot fill', async () => {
    await mkdir(join(dir, '.archangel', 'prompts'), { recursive: true });
    const file = join(dir, '.archangel', 'prompts', 'ask.md');
    await writeFile(file, '{{question}} {{mood}}');
    const error = await loadPrompt('ask', { question: 'x' }, { projectRoot: dir }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', message: `The prompt template ${file} uses {{mood}}, which ArchAngel does not fill.` });
    expect((error as { hint: string }).hint).toContain('{{question}}');
  });

  it('refuses names that are not template names', async () => {
    await expect(loadPrompt('../secrets', {}, { projectRoot: dir })).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('fills every shipped template with the variables the tutor, the docs and the quiz pass', async () => {
    const vars = { maxNotes: 3, level: 'junior', diff: 'D', evidence: 'E', findings: 'F', rung: 2, rungName: 'hint', note: 'N', context: 'C', question: 'Q', subject: 'S', draft: 'R', pair: 'P', learner: 'L', count: 3, sources: 'S', source: 'S', answer: 'A' };
    const names = (await readdir(await shippedPromptsDir())).filter((name) => name.endsWith('.md')).map((name) => name.slice(0, -3));
    expect(names).toEqual(expect.arrayContaining(['review-system', 'review-task', 'hint', 'chat-system', 'ask', 'quiz-system', 'quiz-ask', 'quiz-grade']));
    for (const name of names) await expect(loadPrompt(name, vars, { projectRoot: dir })).resolves.toBeTypeOf('string');
  });
});

describe('shippedPromptsDir', () => {
  it('finds prompts/ beside package.json from both the src and the dist layout', async () => {
    await writeFile(join(dir, 'package.json'), '{}');
    for (const module of ['src/tutor/prompts/load-prompt.ts', 'dist/tutor/prompts/load-prompt.js']) {
      await mkdir(join(dir, module, '..'), { recursive: true });
      expect(await shippedPromptsDir(pathToFileURL(join(dir, module)).href)).toBe(join(dir, 'prompts'));
    }
  });
});
