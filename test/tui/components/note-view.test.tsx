import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { ChangesPane } from '../../../src/tui/components/changes-pane.js';
import { NoteView } from '../../../src/tui/components/note-view.js';
import { errorNote, namingNote, userService } from '../fixtures.js';

describe('NoteView', () => {
  it('shows only the question until the learner climbs', () => {
    const { lastFrame } = render(<NoteView note={errorNote} level={1} selected width={90} />);
    expect(lastFrame()).toContain('What does a caller of get_user_data see when the request fails?');
    expect(lastFrame()).not.toMatch(/hint:|golden example:|the change:/);
    expect(lastFrame()).toContain('[h] next hint');
  });

  it('shows the newest rung in full, earlier ones on one line, and no hint key at the last rung', () => {
    const { lastFrame } = render(<NoteView note={errorNote} level={4} selected width={90} />);
    expect(lastFrame()).toContain('question: What does a caller');
    expect(lastFrame()).toContain('hint: An empty catch');
    expect(lastFrame()).toContain('throw new Error("loading user failed", { cause: e });');
    expect(lastFrame()).not.toContain('[h] next hint');
  });

  it('is one line when not selected, with the convention evidence left for the selected view', () => {
    const { lastFrame } = render(<NoteView note={namingNote} level={1} selected={false} width={90} />);
    expect(lastFrame()?.split('\n')).toHaveLength(1);
    const selected = render(<NoteView note={namingNote} level={1} selected width={90} />);
    expect(selected.lastFrame()).toContain('convention: functions are camelCase — 2310 of 2318 golden cases (100%)');
  });
});

describe('ChangesPane', () => {
  it('numbers hunk lines by the new file and marks the lines notes point at', () => {
    const { lastFrame } = render(
      <ChangesPane files={[userService]} selectedFile={userService.path} scroll={0} notes={[errorNote, namingNote]} selectedNoteId="n-error" width={70} height={14} focused={false} />,
    );
    const lines = lastFrame()?.split('\n') ?? [];
    expect(lines.find((line) => line.includes('} catch (e) {}'))).toMatch(/10 │\+.*◀ ●│$/);
    expect(lines.find((line) => line.includes('get_user_data'))).toMatch(/ 6 │ .*◀ ○│$/);
    expect(lines.find((line) => line.includes('return fetch(id)'))).toMatch(/^│ {5}│-/);
  });
});
