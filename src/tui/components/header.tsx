import { Box, Text } from 'ink';
import { memo } from 'react';
import type { WatchStatus } from '../../watch/types.js';
import { usePaint } from '../palette.js';
import type { ReviewView, TuiState } from '../state/types.js';
import { Spinner } from './spinner.js';

export interface HeaderProps {
  status: WatchStatus | undefined;
  progress: TuiState['progress'];
  phase: ReviewView['phase'];
  width: number;
  /** An error stopped the session: the index and mentor states no longer mean anything. */
  stopped?: boolean;
}

function usageLabel(status: WatchStatus | undefined): string {
  const usage = status?.usage;
  if (!usage || usage.inputTokens + usage.outputTokens === 0) return '';
  const tokens = `${((usage.inputTokens + usage.outputTokens) / 1000).toFixed(1)}k tok`;
  return usage.costUsd === undefined ? tokens : `${tokens} $${usage.costUsd.toFixed(3)}`;
}

/** One line: repo (branch), golden index state, tutor, polling and why, tokens and cost; a spinner while reviewing; "stopped" after a fatal error. */
export const Header = memo(function Header({ status, progress, phase, width, stopped = false }: HeaderProps): React.JSX.Element {
  const paint = usePaint();
  const index = progress ? `${progress.message} ${progress.done}/${progress.total}` : (status?.index ?? '…');
  const state = stopped ? ['stopped'] : [`golden: ${index}`, `mentor: ${status?.tutor ?? '…'}`, status?.polling ? `polling (${status.polling})` : '', usageLabel(status)];
  const parts = [status ? `${status.repo} (${status.branch})` : '', status?.pair ? `pair: ${status.pair}` : '', ...state].filter(Boolean);
  const busy = !stopped && (phase === 'running' || progress !== undefined);
  return (
    <Box width={width} height={1} flexDirection="row" overflow="hidden">
      <Box flexGrow={1} flexShrink={1} overflow="hidden">
        <Text wrap="truncate-end">
          <Text {...paint({ bold: true, color: 'cyan' })}> ArchAngel </Text>
          {` ${parts.join('  ')}`}
        </Text>
      </Box>
      <Box flexShrink={0}>
        {busy ? <Spinner /> : null}
        <Text {...paint({ dimColor: true })}>{busy ? ' reviewing ' : ''}</Text>
      </Box>
    </Box>
  );
});
