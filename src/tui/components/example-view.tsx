import { Box, Text } from 'ink';
import type { FileChange } from '../../review/types.js';
import type { HintLevel, Note } from '../../tutor/types.js';
import { citationLabel } from '../../tutor/claude/prompt-data.js';
import { usePaint } from '../palette.js';
import { diffRows, rowsInRange } from '../state/diff-rows.js';
import { clean, wrap } from '../text.js';
import { placeOf } from '../../review/render-notes.js';
import { EvidenceLines } from './note-parts.js';
import { Pane } from './pane.js';

export interface ExampleViewProps {
  note: Note;
  files: FileChange[];
  level: HintLevel;
  width: number;
  height: number;
}

interface Column {
  title: string;
  lines: Array<{ number: number | undefined; text: string }>;
}

function Side({ column, width, height }: { column: Column; width: number; height: number }): React.JSX.Element {
  const paint = usePaint();
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden" flexShrink={0}>
      <Text wrap="truncate-end" {...paint({ bold: true })}>{column.title}</Text>
      {column.lines.slice(0, Math.max(height - 1, 0)).map((line, index) => (
        <Text key={index} wrap="truncate-end">
          <Text {...paint({ dimColor: true })}>{`${line.number === undefined ? '    ' : String(line.number).padStart(4)} │`}</Text>
          {clean(line.text)}
        </Text>
      ))}
    </Box>
  );
}

/** The learner's lines of the note's range, from the current diff. */
function yours(note: Note, files: FileChange[]): Column {
  const rows = rowsInRange(diffRows(files.find((file) => file.path === note.path)), note.startLine, note.endLine);
  return { title: `yours  ${placeOf(note)}`, lines: rows.length > 0 ? rows.map((row) => ({ number: row.line, text: row.text })) : [{ number: undefined, text: '(these lines are no longer in the diff)' }] };
}

/**
 * The golden snippet the note cites, numbered from its first line, its title saying what it has in
 * common with the learner's lines (as rung 3 does); undefined without one.
 */
function golden(note: Note): Column | undefined {
  const evidence = note.evidence.find((item) => item.kind === 'golden');
  if (evidence?.kind !== 'golden') return undefined;
  const lines = evidence.snippet.replace(/\n$/, '').split('\n');
  const likeness = evidence.comparable === true ? ' · does what yours does' : evidence.comparable === false ? (evidence.fix ? ` · other code: it ${evidence.fix}` : ' · other code, shown for the habit') : '';
  return { title: `golden  ${citationLabel(evidence.citation)}${likeness}`, lines: lines.map((text, index) => ({ number: evidence.citation.startLine + index, text })) };
}

/**
 * Rung 3's picture: the golden code beside the learner's lines (stacked when narrow). The rung's
 * question shows only once the learner climbed to it.
 */
export function ExampleView({ note, files, level, width, height }: ExampleViewProps): React.JSX.Element {
  const paint = usePaint();
  const inner = width - 2;
  const rung = level >= 3 ? note.ladder.find((item) => item.level === 3) : undefined;
  const question = rung ? wrap(rung.text, inner - 2).slice(0, 3) : [];
  const sideBySide = inner >= 60;
  const room = height - 2 - 1 - question.length;
  const gold = golden(note);
  const columnWidth = sideBySide ? Math.floor((inner - 1) / 2) : inner;
  const columnHeight = sideBySide ? room : Math.floor(room / 2);
  return (
    <Pane title={`Golden example — ${placeOf(note)}`} width={width} height={height} focused>
      <Box flexDirection={sideBySide ? 'row' : 'column'} height={room} overflow="hidden">
        <Side column={yours(note, files)} width={columnWidth} height={columnHeight} />
        {sideBySide ? <Box width={1} /> : null}
        {gold ? (
          <Side column={gold} width={columnWidth} height={columnHeight} />
        ) : (
          <Box flexDirection="column" width={columnWidth}>
            <Text wrap="truncate-end">No golden code cited for this note; it rests on:</Text>
            <EvidenceLines evidence={note.evidence} />
          </Box>
        )}
      </Box>
      {question.map((line, index) => (
        <Text key={index} wrap="truncate-end" {...paint({ color: 'cyan' })}>{`  ${line}`}</Text>
      ))}
      <Text wrap="truncate-end" {...paint({ dimColor: true })}>{level < 3 ? '  h next hint · e or Esc back' : '  e or Esc back'}</Text>
    </Pane>
  );
}
