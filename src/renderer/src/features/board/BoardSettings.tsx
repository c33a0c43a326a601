import {
  Box,
  InputAdornment,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Tooltip,
  Typography,
} from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';
import type { VirtualBoardProfile } from '../../../../shared/bridge/contracts/board';
import { parsePeriod } from './board-rules';

/** The settings of the virtual board that the user chooses (before start, or live). */
export interface BoardSettingsValue {
  readonly profile: VirtualBoardProfile;
  readonly telemetryMs: number;
  readonly serial: 'quiet' | 'verbose';
}

export const defaultSettings: BoardSettingsValue = {
  profile: 'firmware',
  telemetryMs: 1000,
  serial: 'quiet',
};

const PRESETS = [1000, 100, 10, 1] as const;

export const profileMeaning: Record<VirtualBoardProfile, string> = {
  firmware: 'As the real firmware: one client at a time, no PONG, no close reply.',
  compliant: 'A correct RFC 6455 server: up to 64 clients at once, pings and close answered.',
};

function Labelled({ label, children, note }: { label: string; children: ReactNode; note?: ReactNode }) {
  return (
    <Box sx={{ minWidth: 0 }}>
      <Typography variant="caption" color="text.secondary" component="div" sx={{ mb: 0.25 }}>
        {label}
      </Typography>
      {children}
      {note && (
        <Typography variant="caption" color="text.secondary" component="div" sx={{ mt: 0.25, minHeight: 18 }}>
          {note}
        </Typography>
      )}
    </Box>
  );
}

const group = {
  '& .MuiToggleButton-root': { textTransform: 'none', py: 0.25, px: 1.25, fontSize: 13 },
} as const;

/** Profile, telemetry period and serial verbosity: the same controls before start and while running. */
export function BoardSettings({
  value,
  onChange,
  disabled,
  extra,
}: {
  value: BoardSettingsValue;
  onChange: (patch: Partial<BoardSettingsValue>) => void;
  disabled?: boolean;
  extra?: ReactNode;
}) {
  const preset = (PRESETS as readonly number[]).includes(value.telemetryMs);
  const [custom, setCustom] = useState(preset ? '' : String(value.telemetryMs));
  useEffect(() => {
    if (!(PRESETS as readonly number[]).includes(value.telemetryMs)) setCustom(String(value.telemetryMs));
  }, [value.telemetryMs]);
  const parsed = custom === '' ? undefined : parsePeriod(custom);
  const applyCustom = () => {
    if (parsed?.ok && parsed.ms !== value.telemetryMs) onChange({ telemetryMs: parsed.ms });
  };
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 3, rowGap: 1, alignItems: 'flex-start' }}>
      <Labelled
        label="Profile"
        note={
          <Box component="span" sx={{ display: 'block', maxWidth: 420 }}>
            {profileMeaning[value.profile]}
          </Box>
        }
      >
        <ToggleButtonGroup
          exclusive
          size="small"
          value={value.profile}
          disabled={disabled}
          onChange={(_e, v: VirtualBoardProfile | null) => v && onChange({ profile: v })}
          aria-label="Profile"
          sx={group}
        >
          <ToggleButton value="firmware" data-testid="profile-firmware">
            firmware
          </ToggleButton>
          <ToggleButton value="compliant" data-testid="profile-compliant">
            compliant
          </ToggleButton>
        </ToggleButtonGroup>
      </Labelled>
      <Labelled
        label="Telemetry period"
        note={
          parsed && !parsed.ok ? (
            <Box component="span" sx={{ color: 'error.main' }} role="alert">
              {parsed.why}
            </Box>
          ) : (
            'ticks; 1 tick = 1 ms at tick scale 1'
          )
        }
      >
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
          <ToggleButtonGroup
            exclusive
            size="small"
            value={preset ? value.telemetryMs : null}
            disabled={disabled}
            onChange={(_e, v: number | null) => {
              if (v === null) return;
              setCustom('');
              onChange({ telemetryMs: v });
            }}
            aria-label="Telemetry period"
            sx={group}
          >
            {PRESETS.map((ms) => (
              <ToggleButton key={ms} value={ms} data-testid={`period-${ms}`}>
                {ms} ms
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
          <TextField
            size="small"
            placeholder="custom"
            value={custom}
            disabled={disabled}
            error={parsed !== undefined && !parsed.ok}
            onChange={(e) => setCustom(e.target.value)}
            onBlur={applyCustom}
            onKeyDown={(e) => e.key === 'Enter' && applyCustom()}
            slotProps={{
              htmlInput: {
                'aria-label': 'Custom telemetry period in ms',
                inputMode: 'numeric',
                'data-testid': 'period-custom',
                style: { padding: '3px 8px', fontSize: 13 },
              },
              input: {
                endAdornment: (
                  <InputAdornment
                    position="end"
                    disableTypography
                    sx={{ fontSize: 12, color: 'text.secondary' }}
                  >
                    ms
                  </InputAdornment>
                ),
              },
            }}
            sx={{ width: 104 }}
          />
        </Box>
      </Labelled>
      <Labelled label="Serial output">
        <Tooltip title="quiet: fb36 firmware, few WS lines. verbose: d8a6 firmware, a line per WebSocket event.">
          <ToggleButtonGroup
            exclusive
            size="small"
            value={value.serial}
            disabled={disabled}
            onChange={(_e, v: 'quiet' | 'verbose' | null) => v && onChange({ serial: v })}
            aria-label="Serial output"
            sx={group}
          >
            <ToggleButton value="quiet" data-testid="serial-quiet">
              quiet · fb36
            </ToggleButton>
            <ToggleButton value="verbose" data-testid="serial-verbose">
              verbose · d8a6
            </ToggleButton>
          </ToggleButtonGroup>
        </Tooltip>
      </Labelled>
      {extra}
    </Box>
  );
}
