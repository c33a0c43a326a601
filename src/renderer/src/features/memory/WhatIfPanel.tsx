import {
  Alert,
  type AlertColor,
  Box,
  Button,
  MenuItem,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import type { MemoryConfig } from '../../../../shared/memory/config';
import { sessionEffects } from '../../../../shared/memory/config';
import type { MemoryLayout, PacketPoolId } from '../../../../shared/memory/types';
import { formatPercent, type MemoryUsage } from '../../../../shared/memory/usage';
import type { ApplyOutcome, BoardMemory } from './memory-store';
import { usageColor } from './colors';

const PLACEMENTS = [
  'RAM',
  'Mem_FTP_Server',
  'Mem_Buff1',
  'Mem_LabelDescr',
  'Mem_Buff2',
  'RAM_SRAM1',
  'DTCMRAM',
];

function regionLabel(layout: MemoryLayout, name: string): string {
  const r = layout.regions.find((x) => x.name === name);
  const bank = r && layout.banks.find((b) => r.origin >= b.origin && r.origin < b.origin + b.length);
  return `${name}${bank ? ` · ${bank.label}` : ''}`;
}

/** Words for what came of "Apply" on board `name`. */
function outcomeText(outcome: ApplyOutcome, name: string): { severity: AlertColor; text: string } {
  if (outcome.kind === 'failed') return { severity: 'error', text: outcome.message };
  const { applied, notApplied } = outcome.result;
  return {
    severity: notApplied.length ? 'warning' : 'success',
    text: [
      applied.length
        ? `Applied to ${name}: ${applied.join(' ')}`
        : `Nothing to change: ${name} already follows this.`,
      ...notApplied,
    ].join(' '),
  };
}

/**
 * Change HTTP sessions, pool sizes and placements and see AXI SRAM recomputed; on a virtual board, apply them to it.
 * A real board's pools are fixed by its firmware, so there the what-if only works out the figures, and says so.
 */
export function WhatIfPanel({
  board,
  layout,
  asBuilt,
  whatIf,
  data,
  onChange,
  onApply,
  onReset,
}: {
  board: { readonly name: string; readonly virtual: boolean };
  layout: MemoryLayout;
  asBuilt: MemoryUsage;
  whatIf: MemoryUsage;
  data: BoardMemory;
  onChange: (c: MemoryConfig) => void;
  onApply: () => void;
  onReset: () => void;
}) {
  const config = data.config;
  const ram = (u: MemoryUsage) => u.regions.find((r) => r.name === 'RAM')!;
  const now = ram(whatIf);
  const before = ram(asBuilt);
  const sessions = whatIf.config.httpSessionMax;
  const outcome = data.outcome && outcomeText(data.outcome, board.name);

  const setPool = (id: PacketPoolId, patch: { bytes?: number; region?: string }) =>
    onChange({
      ...config,
      packetPools: { ...config.packetPools, [id]: { ...config.packetPools?.[id], ...patch } },
    });

  return (
    <Box data-testid="what-if" sx={{ display: 'grid', gap: 1.25 }}>
      <Box sx={{ display: 'flex', alignItems: 'flex-end', gap: 2 }}>
        <Box sx={{ flex: 1 }}>
          <Typography variant="caption" color="text.secondary" component="div">
            AXI SRAM (linker region RAM, 317.5 KB)
          </Typography>
          <Typography
            data-testid="whatif-axi"
            data-percent={now.percent.toFixed(2)}
            sx={{ fontSize: 28, fontWeight: 700, lineHeight: 1.1, color: usageColor(now.percent) }}
          >
            {formatPercent(now.percent)}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {(now.used / 1024).toFixed(1)} KB used · as built {formatPercent(before.percent)}
            {now.overflow > 0 && ` · overflows by ${now.overflow.toLocaleString('en-US')} B`}
          </Typography>
        </Box>
        <Box>
          <Typography variant="caption" color="text.secondary" component="div" id="sessions-label">
            HTTP sessions (SESSION_MAX)
          </Typography>
          <ToggleButtonGroup
            size="small"
            exclusive
            value={sessions}
            aria-labelledby="sessions-label"
            onChange={(_e, v: 1 | 2 | null) => v && onChange({ ...config, httpSessionMax: v })}
          >
            <ToggleButton value={1} data-testid="sessions-1" sx={{ px: 2 }}>
              1
            </ToggleButton>
            <ToggleButton value={2} data-testid="sessions-2" sx={{ px: 2 }}>
              2
            </ToggleButton>
          </ToggleButtonGroup>
        </Box>
      </Box>
      <Typography variant="caption" color="text.secondary" component="div">
        {sessionEffects(sessions).join(' · ')}
        {sessions === 2 && ' (the two-session pool size is an estimate: no build of it was measured)'}
      </Typography>
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: 'minmax(0,1fr) 92px minmax(0,1.25fr)',
          gap: 0.75,
          alignItems: 'center',
        }}
      >
        <Typography variant="caption" color="text.secondary">
          Packet pool
        </Typography>
        <Typography variant="caption" color="text.secondary">
          Bytes
        </Typography>
        <Typography variant="caption" color="text.secondary">
          Placement
        </Typography>
        {layout.packetPools.map((p) => {
          const c = whatIf.config.packetPools[p.id];
          return (
            <Box key={p.id} sx={{ display: 'contents' }}>
              <Typography variant="body2" noWrap title={`${p.name}: ${c.packets} packets of ${c.payload} B`}>
                {p.short.replace(/ packet pool$/, '')}{' '}
                <Box component="span" sx={{ color: 'text.secondary', fontSize: 11 }}>
                  ×{c.packets}
                </Box>
              </Typography>
              <TextField
                size="small"
                type="number"
                value={config.packetPools?.[p.id]?.bytes ?? c.bytes}
                onChange={(e) =>
                  setPool(p.id, {
                    bytes:
                      e.target.value === '' ? undefined : Math.max(0, Math.floor(Number(e.target.value))),
                  })
                }
                slotProps={{
                  htmlInput: {
                    'aria-label': `${p.name} bytes`,
                    min: 0,
                    step: 1024,
                    style: { padding: '3px 6px', fontSize: 12 },
                  },
                }}
              />
              <TextField
                select
                size="small"
                value={c.region}
                onChange={(e) => setPool(p.id, { region: e.target.value })}
                slotProps={{
                  htmlInput: { 'aria-label': `${p.name} placement` },
                  select: {
                    SelectDisplayProps: {
                      style: { padding: '3px 6px', fontSize: 12 },
                      title: regionLabel(layout, c.region),
                    },
                    renderValue: (v) => String(v),
                  },
                }}
                data-testid={`placement-${p.id}`}
              >
                {[...new Set([p.region, ...PLACEMENTS])].map((name) => (
                  <MenuItem key={name} value={name} dense>
                    {regionLabel(layout, name)}
                  </MenuItem>
                ))}
              </TextField>
            </Box>
          );
        })}
      </Box>
      {!board.virtual && (
        <Typography variant="body2" color="text.secondary" data-testid="what-if-real-board">
          {board.name} is a real board: a what-if here only works out the figures. It cannot change the
          board&apos;s memory, which the firmware it runs fixes; build the firmware with these settings and
          flash it to try them.
        </Typography>
      )}
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
        {board.virtual && (
          <Button
            size="small"
            variant="contained"
            onClick={onApply}
            disabled={data.applying}
            data-testid="apply-what-if"
          >
            Apply to {board.name}
          </Button>
        )}
        <Button size="small" onClick={onReset}>
          Reset to as built
        </Button>
      </Box>
      {outcome && (
        <Alert
          severity={outcome.severity}
          variant="outlined"
          sx={{ py: 0, fontSize: 12 }}
          data-testid="apply-outcome"
        >
          {outcome.text}
        </Alert>
      )}
    </Box>
  );
}
