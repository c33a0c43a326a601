import { Box, Chip, Divider, IconButton, InputAdornment, TextField, Tooltip } from '@mui/material';
import { memo } from 'react';
import type { FrameDir, FrameFilter } from '../../../../shared/frames/types';
import { signal } from '../../ui/theme';

const OPCODES: Array<[number, string]> = [
  [1, 'text'],
  [2, 'binary'],
  [8, 'close'],
  [9, 'ping'],
  [10, 'pong'],
  [0, 'cont.'],
];

/** Toggles a value in an optional list (an empty list means "no restriction"). */
function toggle<T>(list: readonly T[] | undefined, v: T): T[] {
  const cur = list ?? [];
  return cur.includes(v) ? cur.filter((x) => x !== v) : [...cur, v];
}

/** Direction, opcode and message-type chips, and the text/regex search. */
export const FilterBar = memo(function FilterBar({
  filter,
  onChange,
  types,
  error,
  search,
  onSearch,
}: {
  filter: FrameFilter;
  onChange: (f: FrameFilter) => void;
  types: readonly string[];
  error: string | undefined;
  search: string;
  onSearch: (s: string) => void;
}) {
  const chip = (label: React.ReactNode, on: boolean, click: () => void, key: string, color?: string) => (
    <Chip
      key={key}
      size="small"
      label={label}
      variant={on ? 'filled' : 'outlined'}
      onClick={click}
      aria-pressed={on}
      sx={{
        height: 22,
        fontSize: 12,
        borderColor: color ?? 'divider',
        ...(on
          ? { bgcolor: color ? `${color}33` : 'rgba(79,195,247,0.2)', color: color ?? 'primary.light' }
          : {}),
      }}
    />
  );
  const dir = (d: FrameDir) => filter.dirs?.includes(d) ?? false;
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, flexWrap: 'wrap', minWidth: 0 }}>
      <TextField
        size="small"
        placeholder={
          filter.regex ? 'Regular expression (case-insensitive)' : 'Search meaning, header, type, notes'
        }
        value={search}
        onChange={(e) => onSearch(e.target.value)}
        error={error !== undefined}
        sx={{ width: 300, '& input': { py: 0.5, fontSize: 13 } }}
        slotProps={{
          htmlInput: { 'aria-label': 'Search frames', maxLength: 200, spellCheck: false },
          input: {
            endAdornment: (
              <InputAdornment position="end">
                <Tooltip title={filter.regex ? 'Regular expression: on' : 'Regular expression: off'}>
                  <IconButton
                    size="small"
                    aria-pressed={filter.regex === true}
                    aria-label="Regular expression"
                    onClick={() => onChange({ ...filter, regex: !filter.regex })}
                    sx={{
                      fontFamily: 'monospace',
                      fontSize: 12,
                      borderRadius: 1,
                      px: 0.5,
                      color: filter.regex ? 'primary.main' : 'text.secondary',
                      bgcolor: filter.regex ? 'rgba(79,195,247,0.15)' : undefined,
                    }}
                  >
                    .*
                  </IconButton>
                </Tooltip>
              </InputAdornment>
            ),
          },
        }}
      />
      <Divider orientation="vertical" flexItem sx={{ mx: 0.5 }} />
      {chip(
        '↑ tx',
        dir('tx'),
        () => onChange({ ...filter, dirs: toggle(filter.dirs, 'tx') }),
        'tx',
        signal.tx,
      )}
      {chip(
        '↓ rx',
        dir('rx'),
        () => onChange({ ...filter, dirs: toggle(filter.dirs, 'rx') }),
        'rx',
        signal.rx,
      )}
      <Divider orientation="vertical" flexItem sx={{ mx: 0.5 }} />
      {OPCODES.map(([op, name]) =>
        chip(
          name,
          filter.opcodes?.includes(op) ?? false,
          () => onChange({ ...filter, opcodes: toggle(filter.opcodes, op) }),
          `op-${op}`,
        ),
      )}
      <Divider orientation="vertical" flexItem sx={{ mx: 0.5 }} />
      {types
        .filter((t) => !['text', 'binary', 'close', 'ping', 'pong', 'continuation'].includes(t))
        .map((t) =>
          chip(
            t,
            filter.msgTypes?.includes(t) ?? false,
            () => onChange({ ...filter, msgTypes: toggle(filter.msgTypes, t) }),
            `type-${t}`,
          ),
        )}
      {error && (
        <Box role="alert" sx={{ color: 'error.main', fontSize: 12, width: '100%' }}>
          {error}
        </Box>
      )}
    </Box>
  );
});
