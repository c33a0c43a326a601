import { Box, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { policyLabel } from '../../../../shared/memory/mpu';
import type { MemoryLayout } from '../../../../shared/memory/types';
import { formatBytes, hex } from '../../../../shared/memory/usage';
import { HeadRow, monoCell, words } from './table-cells';

const policyColor: Record<string, string | undefined> = {
  'write-back': '#FFB300',
  'write-through': '#FFE082',
  'strongly-ordered': '#90A4AE',
  'no-access': '#FF5252',
};

/** ThreadX threads: stack, priority, where the stack comes from. */
export function ThreadsTable({ layout }: { layout: MemoryLayout }) {
  const poolName = (id: string) => layout.bytePools.find((b) => b.id === id)?.name ?? id;
  const rows = [...layout.threads].sort((a, b) => a.priority - b.priority);
  return (
    <Table size="small" aria-label="Threads" data-testid="threads">
      <HeadRow headings={['Thread', 'Prio', 'Stack', 'Stack from', 'Starts']} />
      <TableBody>
        {rows.map((t) => (
          <TableRow key={t.name} hover>
            <TableCell sx={words} title={t.entry}>
              {t.name}
            </TableCell>
            <TableCell sx={monoCell}>{t.priority}</TableCell>
            <TableCell sx={monoCell}>{formatBytes(t.stack)}</TableCell>
            <TableCell sx={words}>{t.stackFrom === 'internal' ? 'ThreadX' : poolName(t.stackFrom)}</TableCell>
            <TableCell sx={{ ...words, color: 'text.secondary' }}>{t.start}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** MPU regions with their cache attributes, in number order (a higher number wins where regions overlap). */
export function MpuTable({ layout }: { layout: MemoryLayout }) {
  return (
    <Box>
      <Table size="small" aria-label="MPU regions" data-testid="mpu">
        <HeadRow headings={['#', 'Base', 'Size', 'TEX C B S', 'Cache', 'Purpose']} />
        <TableBody>
          {layout.mpu.map((r) => (
            <TableRow key={r.number} hover>
              <TableCell sx={monoCell}>{r.number}</TableCell>
              <TableCell sx={monoCell}>{hex(r.base)}</TableCell>
              <TableCell sx={monoCell}>{r.size >= 2 ** 32 ? '4 GB' : formatBytes(r.size)}</TableCell>
              <TableCell sx={monoCell}>
                {r.tex} {r.cacheable ? 1 : 0} {r.bufferable ? 1 : 0} {r.shareable ? 1 : 0}
              </TableCell>
              <TableCell sx={{ ...words, color: policyColor[r.policy] }}>{policyLabel(r.policy)}</TableCell>
              <TableCell sx={{ ...words, minWidth: 120 }}>
                {r.purpose}
                {r.srd ? ` · SRD 0x${r.srd.toString(16).toUpperCase()}` : ''}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 0.5, px: 1 }}>
        The Ethernet DMA bypasses the D-cache: a packet written through a cached region may not be in memory
        yet when the DMA reads it.
      </Typography>
    </Box>
  );
}
