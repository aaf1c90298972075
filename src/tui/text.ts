/** Spaces a tab becomes: terminals expand tabs to 8 columns, which Ink cannot measure. */
const TAB = '  ';

// Escape sequences and control characters other than newline: code and answers are data, and must
// not move the cursor or recolour the terminal.
// eslint-disable-next-line no-control-regex
const CONTROL = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Text safe to print in a pane: tabs expanded, escape sequences and control characters removed. */
export function clean(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, TAB).replace(CONTROL, '');
}

/** Word-wraps text to `width` columns (long words are cut); newlines start new lines. */
export function wrap(text: string, width: number): string[] {
  const size = Math.max(width, 1);
  const lines: string[] = [];
  for (const paragraph of clean(text).split('\n')) {
    let line = '';
    for (const word of paragraph.split(/(?<=\s)/)) {
      if (line.length + word.trimEnd().length > size && line.trim() !== '') {
        lines.push(line.trimEnd());
        line = '';
      }
      let rest = line === '' ? word.trimStart() || word : word;
      while (rest.length > size) {
        lines.push(rest.slice(0, size));
        rest = rest.slice(size);
      }
      line += rest;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** How a laid-out line reads: prose, code, or a line a diff adds or removes. */
export type LineTone = 'prose' | 'code' | 'added' | 'removed';

export interface ToneLine {
  text: string;
  tone: LineTone;
}

/** A markdown fence line: three or more backticks or tildes, then an optional language. */
const FENCE = /^\s*(`{3,}|~{3,})\s*([\w+-]*)\s*$/;

/**
 * Text with markdown code fences, laid out for a pane: prose word-wrapped; code as written
 * (cut by the pane, never wrapped, which would misplace its lines) without the fence lines; a
 * `diff` block's added and removed lines marked, their `+`/`-` kept so they read without colour.
 * An unclosed fence (text still streaming in) runs to the end.
 */
export function layoutText(text: string, width: number): ToneLine[] {
  const out: ToneLine[] = [];
  let prose: string[] = [];
  let fence: { marker: string; diff: boolean } | undefined;
  const flush = (): void => {
    if (prose.length > 0) out.push(...wrap(prose.join('\n'), width).map((line): ToneLine => ({ text: line, tone: 'prose' })));
    prose = [];
  };
  for (const line of clean(text).split('\n')) {
    const match = FENCE.exec(line);
    if (!fence && match) {
      flush();
      fence = { marker: match[1]![0]!, diff: match[2] === 'diff' };
    } else if (fence && match && match[1]![0] === fence.marker && match[2] === '') {
      fence = undefined;
    } else if (!fence) {
      prose.push(line);
    } else {
      out.push({ text: line, tone: fence.diff && line.startsWith('+') ? 'added' : fence.diff && line.startsWith('-') ? 'removed' : 'code' });
    }
  }
  flush();
  return out;
}
