import { Box, Text } from 'ink';
import { KEY_TABLE, keyLabel, type Binding } from '../keys.js';
import { usePaint } from '../palette.js';
import { Pane } from './pane.js';

const AREA_NAMES = { changes: 'Changes', mentor: 'Mentor', chat: 'chat', note: 'note', help: 'help', example: 'example', progress: 'progress' } as const;

/** Where a binding works, unless it works in both panes and maybe more. */
function where(binding: Binding): string {
  const inPanes = binding.areas.includes('changes') && binding.areas.includes('mentor');
  return inPanes ? '' : binding.areas.map((area) => AREA_NAMES[area]).join(', ');
}

/** One help line per binding of the key table. */
export function helpLines(): Array<{ keys: string; description: string; where: string }> {
  return KEY_TABLE.map((binding) => ({ keys: binding.keys.map(keyLabel).join(' '), description: binding.description, where: where(binding) }));
}

/** The `?` screen, generated from the key table; in two columns when one does not fit. */
export function HelpView({ width, height }: { width: number; height: number }): React.JSX.Element {
  const paint = usePaint();
  const lines = helpLines();
  const room = Math.max(height - 2, 1);
  const columns = Math.ceil(lines.length / room);
  const columnWidth = Math.floor((width - 2) / columns);
  return (
    <Pane title="Keys — ? or Esc to close" width={width} height={height} focused>
      <Box flexDirection="row">
        {Array.from({ length: columns }, (_, column) => (
          <Box key={column} flexDirection="column" width={columnWidth} flexShrink={0}>
            {lines.slice(column * room, (column + 1) * room).map((line) => (
              <Text key={`${line.keys}${line.description}`} wrap="truncate-end">
                <Text {...paint({ bold: true })}>{line.keys.padEnd(10)}</Text>
                {` ${line.description}`}
                <Text {...paint({ dimColor: true })}>{line.where ? ` (${line.where})` : ''}</Text>
              </Text>
            ))}
          </Box>
        ))}
      </Box>
    </Pane>
  );
}
