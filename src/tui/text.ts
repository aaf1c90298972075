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
