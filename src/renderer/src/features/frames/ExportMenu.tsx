import { Button, ListSubheader, Menu, MenuItem } from '@mui/material';
import { useState } from 'react';
import type { FramesExport } from '../../../../shared/bridge/contracts/frames';
import type { Result } from '../../../../shared/result';

/** Offers a base64 payload from the core as a file download (the same in Electron and in browser mode). */
function download(fileName: string, mime: string, base64: string): void {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Export the rows shown (the filter's selection) or the whole capture, as NDJSON or pcapng. */
export function ExportMenu({
  run: exportLog,
  shownSeqs,
  filtered,
  onError,
}: {
  /** Exports the shown board's log (or the rows `seqs` of it). */
  run: (format: 'ndjson' | 'pcapng', seqs: number[] | undefined) => Promise<Result<FramesExport>>;
  shownSeqs: () => number[];
  filtered: boolean;
  onError: (m: string) => void;
}) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const run = async (format: 'ndjson' | 'pcapng', selection: boolean) => {
    setAnchor(null);
    const r = await exportLog(format, selection ? shownSeqs() : undefined);
    if (r.ok) download(r.value.fileName, r.value.mime, r.value.base64);
    else onError(r.error.message);
  };
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        onClick={(e) => setAnchor(e.currentTarget)}
        aria-haspopup="menu"
      >
        Export
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        {filtered && <ListSubheader sx={{ lineHeight: '28px' }}>Rows shown by the filter</ListSubheader>}
        {filtered && (
          <MenuItem dense onClick={() => void run('ndjson', true)}>
            Recording (NDJSON)
          </MenuItem>
        )}
        {filtered && (
          <MenuItem dense onClick={() => void run('pcapng', true)}>
            Wireshark (pcapng)
          </MenuItem>
        )}
        <ListSubheader sx={{ lineHeight: '28px' }}>Whole capture</ListSubheader>
        <MenuItem dense onClick={() => void run('ndjson', false)}>
          Recording (NDJSON)
        </MenuItem>
        <MenuItem dense onClick={() => void run('pcapng', false)}>
          Wireshark (pcapng)
        </MenuItem>
      </Menu>
    </>
  );
}
