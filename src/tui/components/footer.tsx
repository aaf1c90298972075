import { Box, Text } from 'ink';
import { memo } from 'react';
import { bindingsFor, keyLabel, type Command, type KeyArea } from '../keys.js';
import { usePaint } from '../palette.js';
import type { Notice } from '../state/types.js';
import { clean } from '../text.js';

/** The commands the footer reminds of, with a short word each; the rest are in `?`. */
const SHORT: Partial<Record<Command, string>> = {
  'note-next': 'notes', 'note-prev': 'notes', 'scroll-down': 'scroll', 'scroll-up': 'scroll', hint: 'hint', example: 'example',
  dismiss: 'dismiss', chat: 'chat', send: 'send', 'save-note': 'add note', close: 'back', help: 'keys', quit: 'quit',
};

/** `j/k notes · h hint · …` for an area, generated from the key table. */
export function footerHints(area: KeyArea): string {
  const groups = new Map<string, string[]>();
  for (const binding of bindingsFor(area)) {
    const word = SHORT[binding.command];
    const key = binding.keys[0];
    if (!word || key === undefined || binding.footer === false) continue;
    groups.set(word, [...(groups.get(word) ?? []), keyLabel(key)]);
  }
  return [...groups].map(([word, keys]) => `${[...new Set(keys)].join('/')} ${word}`).join(' · ');
}

const TONES = { info: 'blue', warn: 'yellow', error: 'red' } as const;

/** What the footer shows when a notice needs the room. */
const SHORT_HINTS = '? keys';

/** The newest notice on the left, the keys of the focused area on the right (cut to `? keys` when the notice needs the room). */
export const Footer = memo(function Footer({ notice, area, quitting, width }: { notice: Notice | undefined; area: KeyArea; quitting: boolean; width: number }): React.JSX.Element {
  const paint = usePaint();
  const text = notice ? ` ${notice.level === 'info' ? '' : `${notice.level}: `}${clean(notice.message).replace(/\n/g, ' ')}` : '';
  const all = footerHints(area);
  const hints = quitting ? 'closing…' : text.length + all.length + 2 > width ? SHORT_HINTS : all;
  return (
    <Box width={width} height={1} flexDirection="row" overflow="hidden">
      <Box flexGrow={1} flexShrink={1} overflow="hidden">
        {notice ? <Text wrap="truncate-end" {...paint({ color: TONES[notice.level] })}>{text}</Text> : null}
      </Box>
      <Box flexShrink={0}>
        <Text {...paint({ dimColor: true })}>{` ${hints} `}</Text>
      </Box>
    </Box>
  );
});
