import { Alert, Box, Button, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { memo, useMemo, useRef } from 'react';
import type { ImportedBuild } from '../../../../shared/memory/import';
import { formatBytes, hex } from '../../../../shared/memory/usage';
import { cell, HeadRow, monoCell, words } from './table-cells';
import type { PickedFile } from './memory-store';

/** Input sections drawn in the table: a map may list 100,000, and a table that long would stall the page. */
const MAX_ROWS = 500;

/** A button that opens the file picker for one file of the build. */
function PickFileButton({
  label,
  accept,
  testId,
  onFile,
}: {
  label: string;
  accept: string;
  testId: string;
  onFile: (file: File) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        data-testid={testId}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          // Cleared so that picking the same file again (after editing it) reads it again.
          e.currentTarget.value = '';
          if (file) onFile(file);
        }}
      />
      <Button size="small" variant="outlined" onClick={() => input.current?.click()}>
        {label}
      </Button>
    </>
  );
}

/**
 * Pick a linker script and/or a map file of your own build and see its sections; the region map above shows its
 * regions (one picture of the layout, not two).
 */
export const ImportPanel = memo(function ImportPanel({
  files,
  build,
  error,
  onPick,
}: {
  files: { readonly linkerScript?: PickedFile; readonly mapFile?: PickedFile };
  build: ImportedBuild | undefined;
  error: string | undefined;
  onPick: (kind: 'linkerScript' | 'mapFile', file: File) => void;
}) {
  const sections = useMemo(
    () =>
      build?.sections.flatMap((s) =>
        s.inputs.filter((i) => !i.fill && i.size > 0).map((i) => ({ out: s.name, region: s.region, ...i })),
      ) ?? [],
    [build],
  );

  return (
    <Box data-testid="import" sx={{ display: 'grid', gap: 1 }}>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <PickFileButton
          label="Linker script (.ld)…"
          accept=".ld,.lds,.txt"
          testId="import-ld"
          onFile={(f) => onPick('linkerScript', f)}
        />
        <PickFileButton
          label="Map file (.map)…"
          accept=".map,.txt"
          testId="import-map"
          onFile={(f) => onPick('mapFile', f)}
        />
        <Typography variant="caption" color="text.secondary">
          {files.linkerScript || files.mapFile
            ? [files.linkerScript?.name, files.mapFile?.name].filter(Boolean).join(' + ')
            : 'GNU ld: the MEMORY block of the script; the Memory Configuration and section placement of the map (-Wl,-Map=…).'}
        </Typography>
      </Box>
      {error && (
        <Alert severity="error" variant="outlined" data-testid="import-error" sx={{ py: 0 }}>
          {error}
        </Alert>
      )}
      {build && (
        <>
          {build.notes.map((n) => (
            <Alert key={n} severity="warning" variant="outlined" sx={{ py: 0 }}>
              {n}
            </Alert>
          ))}
          {sections.length > MAX_ROWS && (
            <Typography variant="caption" color="text.secondary" data-testid="import-rows-cut">
              The first {MAX_ROWS.toLocaleString('en')} of {sections.length.toLocaleString('en')} input
              sections, in the map's order.
            </Typography>
          )}
          {sections.length > 0 && (
            <Box
              sx={{ maxHeight: 260, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}
            >
              <Table size="small" stickyHeader aria-label="Input sections">
                <HeadRow
                  headings={['Region', 'Output', 'Input section', 'Address', 'Size', 'Object', 'Symbols']}
                />
                <TableBody>
                  {sections.slice(0, MAX_ROWS).map((s, i) => (
                    <TableRow key={`${s.out}-${s.name}-${i}`} hover>
                      <TableCell sx={cell}>{s.region}</TableCell>
                      <TableCell sx={monoCell}>{s.out}</TableCell>
                      <TableCell sx={monoCell}>{s.name}</TableCell>
                      <TableCell sx={monoCell}>{hex(s.address)}</TableCell>
                      <TableCell sx={monoCell}>{formatBytes(s.size)}</TableCell>
                      <TableCell sx={cell}>{s.object}</TableCell>
                      <TableCell sx={{ ...words, color: 'text.secondary' }}>
                        {s.symbols.map((y) => y.name).join(', ')}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          )}
        </>
      )}
    </Box>
  );
});
