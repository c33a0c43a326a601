import FolderIcon from '@mui/icons-material/Folder';
import FileIcon from '@mui/icons-material/InsertDriveFileOutlined';
import { Box, Table, TableBody, TableCell, TableHead, TableRow, TableSortLabel } from '@mui/material';
import { useMemo, useState, type KeyboardEvent } from 'react';
import type { RemoteEntry } from '../../../../shared/bridge/contracts/files';
import { mono } from '../../ui/theme';
import { formatBytes, formatDate } from './format';

type SortKey = 'name' | 'size' | 'modifiedAt';

/** Folders first, then by the chosen column. */
export function sortEntries(
  entries: readonly RemoteEntry[],
  key: SortKey,
  dir: 'asc' | 'desc',
): RemoteEntry[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...entries].sort((a, b) => {
    if (a.kind !== b.kind) return a.kind === 'dir' ? -1 : 1;
    const d =
      key === 'name'
        ? a.name.localeCompare(b.name, undefined, { numeric: true })
        : (a[key] ?? 0) - (b[key] ?? 0);
    return d * sign || a.name.localeCompare(b.name);
  });
}

/** The folder's entries: sortable columns, click to select, double-click/Enter to open, keyboard navigation. */
export function FileList(props: {
  entries: readonly RemoteEntry[];
  selected: ReadonlySet<string>;
  onSelect: (names: Set<string>, focus: string) => void;
  onOpen: (e: RemoteEntry) => void;
  onUp: () => void;
  onDelete: () => void;
}) {
  const [sort, setSort] = useState<{ key: SortKey; dir: 'asc' | 'desc' }>({ key: 'name', dir: 'asc' });
  const rows = useMemo(() => sortEntries(props.entries, sort.key, sort.dir), [props.entries, sort]);
  const [focus, setFocus] = useState<string>();

  const header = (key: SortKey, label: string, align: 'left' | 'right' = 'left') => (
    <TableCell
      align={align}
      sortDirection={sort.key === key ? sort.dir : false}
      sx={{ bgcolor: 'background.paper' }}
    >
      <TableSortLabel
        active={sort.key === key}
        direction={sort.key === key ? sort.dir : 'asc'}
        onClick={() => setSort((s) => ({ key, dir: s.key === key && s.dir === 'asc' ? 'desc' : 'asc' }))}
      >
        {label}
      </TableSortLabel>
    </TableCell>
  );

  const onKey = (ev: KeyboardEvent) => {
    const i = rows.findIndex((r) => r.name === focus);
    const move = (j: number) => {
      const r = rows[Math.max(0, Math.min(rows.length - 1, j))];
      if (!r) return;
      setFocus(r.name);
      props.onSelect(new Set([r.name]), r.name);
      document.getElementById(rowId(r.name))?.scrollIntoView({ block: 'nearest' });
    };
    if (ev.key === 'ArrowDown') move(i + 1);
    else if (ev.key === 'ArrowUp') move(i < 0 ? 0 : i - 1);
    else if (ev.key === 'Home') move(0);
    else if (ev.key === 'End') move(rows.length - 1);
    else if (ev.key === 'Enter' && rows[i]) props.onOpen(rows[i]);
    else if (ev.key === 'Backspace') props.onUp();
    else if (ev.key === 'Delete' && props.selected.size > 0) props.onDelete();
    else return;
    ev.preventDefault();
  };

  return (
    <Box
      tabIndex={0}
      onKeyDown={onKey}
      role="grid"
      aria-label="Files in this folder"
      data-testid="file-list"
      sx={{ height: '100%', overflow: 'auto', outline: 'none' }}
    >
      <Table size="small" stickyHeader sx={{ tableLayout: 'fixed', '& td, & th': { py: 0.4 } }}>
        <TableHead>
          <TableRow>
            {header('name', 'Name')}
            {header('size', 'Size', 'right')}
            {header('modifiedAt', 'Modified')}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((e) => {
            const sel = props.selected.has(e.name);
            return (
              <TableRow
                key={e.name}
                id={rowId(e.name)}
                hover
                selected={sel}
                aria-selected={sel}
                data-testid="file-row"
                data-name={e.name}
                onClick={(ev) => {
                  setFocus(e.name);
                  const next = new Set(ev.ctrlKey || ev.metaKey ? props.selected : []);
                  if (next.has(e.name) && (ev.ctrlKey || ev.metaKey)) next.delete(e.name);
                  else next.add(e.name);
                  props.onSelect(next, e.name);
                }}
                onDoubleClick={() => props.onOpen(e)}
                sx={{
                  cursor: 'default',
                  outline: focus === e.name ? '1px dashed' : undefined,
                  outlineColor: 'primary.main',
                  outlineOffset: -1,
                }}
              >
                <TableCell
                  sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'pre' }}
                  title={e.name}
                >
                  <Box
                    component="span"
                    sx={{
                      display: 'inline-flex',
                      verticalAlign: 'middle',
                      mr: 1,
                      color: e.kind === 'dir' ? 'primary.main' : 'text.secondary',
                    }}
                  >
                    {e.kind === 'dir' ? <FolderIcon fontSize="small" /> : <FileIcon fontSize="small" />}
                  </Box>
                  {e.name}
                </TableCell>
                <TableCell
                  align="right"
                  sx={{
                    width: 110,
                    fontFamily: mono,
                    fontSize: 12,
                    color: e.partial ? 'warning.main' : undefined,
                  }}
                  title={e.partial ? `Partial: ${e.partial}` : undefined}
                >
                  {e.kind === 'dir' ? '' : formatBytes(e.size)}
                  {e.partial && (
                    <Box component="span" data-testid="partial-mark" sx={{ display: 'block', fontSize: 11 }}>
                      partial
                    </Box>
                  )}
                </TableCell>
                <TableCell sx={{ width: 150, fontFamily: mono, fontSize: 12, color: 'text.secondary' }}>
                  {formatDate(e.modifiedAt)}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}

function rowId(name: string): string {
  return `file-row-${encodeURIComponent(name)}`;
}
