import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { Box, Button, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import type { FileBytes, RemoteEntry } from '../../../../shared/bridge/contracts/files';
import type { Result } from '../../../../shared/result';
import { mono } from '../../ui/theme';
import { formatBytes, previewKind } from './format';

/** Largest file fetched for a preview. */
const PREVIEW_MAX = 2 * 1024 * 1024;

type Loaded =
  | { kind: 'text' | 'json' | 'csv' | 'html'; text: string }
  | { kind: 'image'; url: string }
  | { kind: 'error'; message: string };

function decode(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

const MIME: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  ico: 'image/x-icon',
  webp: 'image/webp',
  bmp: 'image/bmp',
  svg: 'image/svg+xml',
};

/** Text, JSON (pretty), CSV (table), HTML source and images of the selected file, fetched over FTP (size-capped). */
export function PreviewPane({
  path,
  entry,
  httpBase,
  read,
}: {
  path: string;
  entry: RemoteEntry;
  httpBase?: string;
  /** Reads the file's bytes from the board it is on (the files store). */
  read: (path: string, maxBytes: number) => Promise<Result<FileBytes>>;
}) {
  const kind = previewKind(entry.name);
  const [loaded, setLoaded] = useState<Loaded>();
  useEffect(() => {
    setLoaded(undefined);
    if (!kind) return;
    if (entry.size > PREVIEW_MAX)
      return setLoaded({
        kind: 'error',
        message: `${formatBytes(entry.size)} is too large to preview here (up to ${formatBytes(PREVIEW_MAX)}).`,
      });
    let live = true;
    void read(path, PREVIEW_MAX).then((r) => {
      if (!live) return;
      if (!r.ok) return setLoaded({ kind: 'error', message: r.error.message });
      if (kind === 'image') {
        const ext = entry.name.toLowerCase().split('.').pop() ?? '';
        return setLoaded({
          kind: 'image',
          url: `data:${MIME[ext] ?? 'application/octet-stream'};base64,${r.value.base64}`,
        });
      }
      const text = new TextDecoder().decode(decode(r.value.base64));
      if (kind === 'json') {
        try {
          return setLoaded({ kind, text: JSON.stringify(JSON.parse(text), null, 2) });
        } catch {
          return setLoaded({ kind: 'text', text });
        }
      }
      setLoaded({ kind, text });
    });
    return () => {
      live = false;
    };
  }, [path, entry.size, entry.name, kind, read]);

  const isHtml = kind === 'html';
  return (
    <Box
      data-testid="preview-pane"
      sx={{
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        borderLeft: 1,
        borderColor: 'divider',
        minWidth: 0,
      }}
    >
      <Box sx={{ px: 1.5, py: 1, borderBottom: 1, borderColor: 'divider' }}>
        <Typography variant="subtitle2" noWrap title={entry.name}>
          {entry.name}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {formatBytes(entry.size)}
        </Typography>
        {isHtml && httpBase && (
          <Button
            size="small"
            startIcon={<OpenInNewIcon />}
            href={`${httpBase.replace(/\/$/, '')}${path.split('/').map(encodeURIComponent).join('/')}`}
            target="_blank"
            rel="noopener noreferrer"
            sx={{ ml: 1 }}
          >
            Open in browser
          </Button>
        )}
      </Box>
      <Box sx={{ flex: 1, overflow: 'auto', p: 1.5 }}>
        {!kind && (
          <Typography variant="body2" color="text.secondary">
            No preview for this kind of file.
          </Typography>
        )}
        {kind && !loaded && (
          <Typography variant="body2" color="text.secondary">
            Loading…
          </Typography>
        )}
        {loaded?.kind === 'error' && (
          <Typography variant="body2" color="text.secondary">
            {loaded.message}
          </Typography>
        )}
        {loaded?.kind === 'image' && (
          <Box
            component="img"
            src={loaded.url}
            alt={entry.name}
            sx={{ maxWidth: '100%', imageRendering: 'auto', bgcolor: '#222' }}
          />
        )}
        {loaded?.kind === 'csv' && <CsvTable text={loaded.text} />}
        {(loaded?.kind === 'text' || loaded?.kind === 'json' || loaded?.kind === 'html') && (
          <Box
            component="pre"
            data-testid="preview-text"
            sx={{ m: 0, fontFamily: mono, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
          >
            {loaded.text.length > 200_000 ? `${loaded.text.slice(0, 200_000)}\n…` : loaded.text}
          </Box>
        )}
      </Box>
    </Box>
  );
}

function CsvTable({ text }: { text: string }) {
  const rows = text
    .split(/\r?\n/)
    .filter(Boolean)
    .slice(0, 500)
    .map((l) => l.split(','));
  return (
    <Table size="small" sx={{ '& td': { fontFamily: mono, fontSize: 12, py: 0.25 } }}>
      <TableBody>
        {rows.map((r, i) => (
          <TableRow key={i} sx={i === 0 ? { '& td': { fontWeight: 600 } } : undefined}>
            {r.map((c, j) => (
              <TableCell key={j}>{c}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
