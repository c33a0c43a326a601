import { Box, Chip, Tooltip, Typography } from '@mui/material';
import type { PoolFeedState, PoolSample } from '../../../../shared/bridge/contracts/memory';
import { isCached, policyLabel } from '../../../../shared/memory/mpu';
import type { MemoryLayout } from '../../../../shared/memory/types';
import { formatBytes, type MemoryUsage } from '../../../../shared/memory/usage';
import { mono } from '../../ui/theme';
import { errorColor, usageColor, warnColor } from './colors';
import { PoolSparkline } from './PoolSparkline';

function Gauge({
  used,
  total,
  highWater,
  label,
}: {
  used?: number;
  total: number;
  highWater?: number;
  label: string;
}) {
  const share = used !== undefined && total > 0 ? used / total : 0;
  return (
    <Box
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={used ?? 0}
      sx={{
        position: 'relative',
        height: 10,
        bgcolor: '#0b0d0f',
        borderRadius: 0.5,
        border: 1,
        borderColor: 'divider',
      }}
    >
      {used !== undefined && (
        <Box
          sx={{
            position: 'absolute',
            inset: 0,
            width: `${Math.min(100, share * 100)}%`,
            bgcolor: usageColor(share * 100),
            borderRadius: 0.5,
          }}
        />
      )}
      {highWater !== undefined && total > 0 && (
        <Box
          aria-hidden
          sx={{
            position: 'absolute',
            top: -2,
            bottom: -2,
            left: `calc(${Math.min(100, (highWater / total) * 100)}% - 1px)`,
            width: 2,
            bgcolor: '#ECEFF1',
          }}
        />
      )}
    </Box>
  );
}

/** One pool's tile: packet pools and byte pools look alike. */
const tile = {
  border: 1,
  borderColor: 'divider',
  borderRadius: 1,
  p: 1,
  bgcolor: 'background.paper',
  minWidth: 0,
} as const;

/** A card's figures: each stays whole, and they wrap onto a second line in a narrow card rather than being cut. */
const figuresRow = {
  display: 'flex',
  flexWrap: 'wrap',
  columnGap: 1.5,
  '& > span': { whiteSpace: 'nowrap' },
} as const;

/** Packet pool gauges (in use, high-water, failures, sparkline) and byte pool gauges. */
export function PoolGauges({
  layout,
  usage,
  pools,
  history,
}: {
  layout: MemoryLayout;
  usage: MemoryUsage;
  pools?: PoolFeedState;
  history: readonly PoolSample[];
}) {
  const live = pools && pools.kind !== 'none' ? pools.status : undefined;
  const bankOf = (region: string) => {
    const r = layout.regions.find((x) => x.name === region);
    return (
      (r && layout.banks.find((b) => r.origin >= b.origin && r.origin < b.origin + b.length)?.label) ?? region
    );
  };
  return (
    <Box sx={{ display: 'grid', gap: 1 }}>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))', gap: 1 }}>
        {usage.packetPools.map((p) => {
          const s = live?.packetPools.find((x) => x.name === p.name);
          const bank = layout.banks.find((b) => b.id === p.bank);
          const cached = isCached(p.cache.policy);
          const placeColor =
            bank && !bank.ethDmaReachable ? errorColor : cached || bank?.octospi ? warnColor : undefined;
          const total = s?.total ?? p.packets;
          const used = s ? s.total - s.free : undefined;
          return (
            <Box key={p.id} data-testid={`pool-${p.id}`} sx={tile}>
              <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1, minWidth: 0 }}>
                <Typography variant="body2" sx={{ fontWeight: 600, flex: 1 }} noWrap title={p.name}>
                  {p.name}
                </Typography>
                <Tooltip
                  title={`${policyLabel(p.cache.policy)}${p.cache.region !== undefined ? `, MPU region ${p.cache.region}` : ''}`}
                >
                  <Chip
                    size="small"
                    variant="outlined"
                    label={`${bank?.label ?? p.region}${cached ? ' ⚠' : ''}`}
                    sx={{ height: 20, fontSize: 11, color: placeColor, borderColor: placeColor }}
                  />
                </Tooltip>
              </Box>
              <Typography variant="caption" color="text.secondary" sx={{ fontFamily: mono }} component="div">
                {s?.payload ?? p.payload} B × {total} packets · {formatBytes(p.bytes)}
              </Typography>
              <Box sx={{ my: 0.75 }}>
                <Gauge
                  used={used}
                  total={total}
                  highWater={s?.highWater}
                  label={`${p.name} packets in use`}
                />
              </Box>
              <Typography
                variant="caption"
                component="div"
                sx={figuresRow}
                data-testid={`pool-${p.id}-figures`}
              >
                {s ? (
                  <>
                    <span>
                      in use <b>{used}</b>/{total}
                    </span>
                    <span>high-water {s.highWater ?? '—'}</span>
                    <span style={{ color: s.failures ? errorColor : undefined }}>
                      failures {s.failures ?? '—'}
                    </span>
                  </>
                ) : (
                  <Box component="span" sx={{ color: 'text.secondary' }}>
                    not reported by this board
                  </Box>
                )}
              </Typography>
              {s && <PoolSparkline name={p.name} history={history} total={total} color="#4FC3F7" />}
            </Box>
          );
        })}
      </Box>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 1 }}>
        {layout.bytePools.map((b) => {
          const s = live?.bytePools.find((x) => x.name === b.name);
          const size = s?.size ?? usage.config.bytePools[b.id].size;
          const used = s ? size - s.available : undefined;
          const allocations = b.allocations.map((a) => `${a.label} ${formatBytes(a.size)}`).join(' · ');
          return (
            <Box key={b.id} data-testid={`byte-pool-${b.id}`} sx={tile}>
              <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1 }}>
                <Typography variant="body2" sx={{ fontWeight: 600, flex: 1 }} noWrap>
                  {b.name}
                </Typography>
                <Tooltip title={`Linker region ${usage.config.bytePools[b.id].region} (${b.section})`}>
                  <Chip
                    size="small"
                    variant="outlined"
                    label={bankOf(usage.config.bytePools[b.id].region)}
                    sx={{ height: 20, fontSize: 11 }}
                  />
                </Tooltip>
              </Box>
              <Tooltip title={allocations}>
                <Typography variant="caption" color="text.secondary" noWrap component="div">
                  {formatBytes(size)} · {b.allocations.length} allocations: {allocations}
                </Typography>
              </Tooltip>
              <Box sx={{ my: 0.75 }}>
                <Gauge used={used} total={size} label={`${b.name} bytes in use`} />
              </Box>
              <Typography variant="caption" component="div" sx={figuresRow}>
                {s ? (
                  <>
                    <span>
                      used <b>{formatBytes(used ?? 0)}</b>
                    </span>
                    <span>available {formatBytes(s.available)}</span>
                    <span>fragments {s.fragments}</span>
                  </>
                ) : (
                  <Box component="span" sx={{ color: 'text.secondary' }}>
                    not reported by this board
                  </Box>
                )}
              </Typography>
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}
