import { Box, Text } from 'ink';
import { memo } from 'react';
import type { FileChange } from '../../review/types.js';
import type { Note } from '../../tutor/types.js';
import { usePaint } from '../palette.js';
import { changesRows } from '../layout.js';
import { diffRows, type DiffRow } from '../state/diff-rows.js';
import { clean } from '../text.js';
import { Pane } from './pane.js';

/** Width of the note marker column (` ◀ ●`). */
const MARK_WIDTH = 4;
/** Width of the new-file line number column. */
const NUMBER_WIDTH = 4;

export interface ChangesPaneProps {
  files: FileChange[];
  selectedFile: string | undefined;
  scroll: number;
  notes: Note[];
  selectedNoteId: string | undefined;
  width: number;
  height: number;
  focused: boolean;
}

function FileRow({ file, selected, width, position }: { file: FileChange; selected: boolean; width: number; position: string }): React.JSX.Element {
  const paint = usePaint();
  const counts = ` +${file.additions} -${file.deletions}${position}`;
  const room = Math.max(width - counts.length - 2, 1);
  const path = file.path.length > room ? `…${file.path.slice(-(room - 1))}` : file.path.padEnd(room);
  return (
    <Text wrap="truncate-end" {...paint(selected ? { bold: true } : {})}>
      {selected ? '> ' : '  '}
      {path}
      <Text {...paint({ color: 'green' })}>{` +${file.additions}`}</Text>
      <Text {...paint({ color: 'red' })}>{` -${file.deletions}`}</Text>
      <Text {...paint({ dimColor: true })}>{position}</Text>
    </Text>
  );
}

/** `◀ ●` on lines the selected note points at, `◀ ○` on other notes' lines. */
function marker(row: DiffRow, notes: Note[], selectedNoteId: string | undefined): string {
  if (row.line === undefined) return '';
  const line = row.line;
  const here = notes.filter((note) => line >= note.startLine && line <= note.endLine);
  if (here.length === 0) return '';
  return here.some((note) => note.id === selectedNoteId) ? ' ◀ ●' : ' ◀ ○';
}

function DiffLine({ row, mark, width }: { row: DiffRow; mark: string; width: number }): React.JSX.Element {
  const paint = usePaint();
  const number = row.line === undefined ? ''.padStart(NUMBER_WIDTH) : String(row.line).padStart(NUMBER_WIDTH);
  const sign = row.kind === 'add' ? '+' : row.kind === 'del' ? '-' : ' ';
  const tone = row.kind === 'add' ? paint({ color: 'green' }) : row.kind === 'del' ? paint({ color: 'red' }) : row.kind === 'gap' ? paint({ dimColor: true }) : {};
  return (
    <Box flexDirection="row" width={width} height={1}>
      <Box width={width - MARK_WIDTH} overflow="hidden">
        <Text wrap="truncate-end">
          <Text {...paint({ dimColor: true })}>{`${number} │`}</Text>
          <Text {...tone}>{row.kind === 'gap' ? ` ${row.text}` : `${sign}${clean(row.text)}`}</Text>
        </Text>
      </Box>
      <Box width={MARK_WIDTH}>
        <Text {...paint({ color: 'yellow', bold: true })}>{mark}</Text>
      </Box>
    </Box>
  );
}

/** The changed files with their +/- counts, and the selected file's hunk lines with note markers. */
export const ChangesPane = memo(function ChangesPane(props: ChangesPaneProps): React.JSX.Element {
  const { files, selectedFile, scroll, notes, selectedNoteId, width, height, focused } = props;
  const inner = width - 2;
  const selectedAt = Math.max(files.findIndex((file) => file.path === selectedFile), 0);
  const { files: fileRows, lines: room } = changesRows(height, files.length);
  const firstFile = Math.min(Math.max(selectedAt - fileRows + 1, 0), Math.max(files.length - fileRows, 0));
  const file = files.find((candidate) => candidate.path === selectedFile);
  const rows = diffRows(file);
  const top = Math.min(scroll, Math.max(rows.length - room, 0));
  const fileNotes = notes.filter((note) => note.path === selectedFile);
  return (
    <Pane title={`Changes${files.length > 0 ? ` (${files.length})` : ''}`} width={width} height={height} focused={focused}>
      {files.length === 0 ? <Text wrap="truncate-end">No changes yet: save a file.</Text> : null}
      {files.slice(firstFile, firstFile + fileRows).map((candidate) => (
        <FileRow
          key={candidate.path}
          file={candidate}
          selected={candidate.path === selectedFile}
          width={inner}
          position={fileRows < files.length ? ` ${selectedAt + 1}/${files.length}` : ''}
        />
      ))}
      {files.length > 0 ? <Text> </Text> : null}
      {rows.slice(top, top + room).map((row, index) => (
        <DiffLine key={top + index} row={row} mark={marker(row, fileNotes, selectedNoteId)} width={inner} />
      ))}
    </Pane>
  );
});
