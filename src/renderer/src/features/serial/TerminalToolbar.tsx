import ArrowDownIcon from '@mui/icons-material/KeyboardArrowDown';
import ArrowUpIcon from '@mui/icons-material/KeyboardArrowUp';
import ClearIcon from '@mui/icons-material/DeleteSweepOutlined';
import CopyIcon from '@mui/icons-material/ContentCopy';
import { Box, IconButton, InputAdornment, TextField, ToggleButton, Tooltip, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { ToolRow } from '../../components/ToolRow';
import { PauseButton } from '../../components/PauseButton';

/** Display toggles of the terminal. */
export interface DisplayToggles {
  readonly hex: boolean;
  readonly wrap: boolean;
  readonly timestamps: boolean;
}

interface Props {
  readonly toggles: DisplayToggles;
  readonly onToggles: (t: DisplayToggles) => void;
  readonly query: string;
  readonly onQuery: (q: string) => void;
  /** "12 matches", "3 of 12" or "no matches". */
  readonly matchLabel: string;
  readonly onPrev: () => void;
  readonly onNext: () => void;
  readonly paused: boolean;
  readonly onPause: () => void;
  readonly onClear: () => void;
  readonly onCopy: () => void;
  /** The log-to-file control (button or "logging to …"). */
  readonly logControl: ReactNode;
  readonly counts: string;
}

/** Search, view toggles, pause, clear, copy, log-to-file: everything above the terminal. */
export function TerminalToolbar(p: Props) {
  const toggle = (key: keyof DisplayToggles, label: string, hint: string) => (
    <Tooltip title={hint}>
      <ToggleButton
        size="small"
        value={key}
        selected={p.toggles[key]}
        onChange={() => p.onToggles({ ...p.toggles, [key]: !p.toggles[key] })}
        data-testid={`serial-toggle-${key}`}
        sx={{ px: 1, py: 0.25, textTransform: 'none' }}
      >
        {label}
      </ToggleButton>
    </Tooltip>
  );
  return (
    <ToolRow>
      <TextField
        size="small"
        placeholder="Search"
        value={p.query}
        onChange={(e) => p.onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') (e.shiftKey ? p.onPrev : p.onNext)();
        }}
        sx={{ width: 260 }}
        slotProps={{
          htmlInput: { 'aria-label': 'Search the serial output', 'data-testid': 'serial-search' },
          input: {
            endAdornment: p.query ? (
              <InputAdornment position="end">
                <Typography
                  variant="caption"
                  color="text.secondary"
                  sx={{ mr: 0.5, whiteSpace: 'nowrap' }}
                  data-testid="serial-match"
                >
                  {p.matchLabel}
                </Typography>
                <IconButton size="small" aria-label="Previous match" onClick={p.onPrev}>
                  <ArrowUpIcon fontSize="small" />
                </IconButton>
                <IconButton size="small" aria-label="Next match" onClick={p.onNext}>
                  <ArrowDownIcon fontSize="small" />
                </IconButton>
              </InputAdornment>
            ) : undefined,
          },
        }}
      />
      {toggle('timestamps', 'Time', 'Show the receive time of each line')}
      {toggle('hex', 'Hex', 'Show the raw bytes of each line')}
      {toggle('wrap', 'Wrap', 'Wrap long lines')}
      <PauseButton paused={p.paused} onClick={p.onPause} testId="serial-pause" />
      <Tooltip title="Clear the scrollback">
        <IconButton size="small" aria-label="Clear" onClick={p.onClear}>
          <ClearIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      <Tooltip title="Copy all lines">
        <IconButton size="small" aria-label="Copy all" onClick={p.onCopy}>
          <CopyIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      {p.logControl}
      <Box sx={{ flex: 1 }} />
      <Typography
        variant="caption"
        color="text.secondary"
        data-testid="serial-counts"
        sx={{ whiteSpace: 'nowrap' }}
      >
        {p.counts}
      </Typography>
    </ToolRow>
  );
}
