import ChevronRight from '@mui/icons-material/ChevronRight';
import ExpandMore from '@mui/icons-material/ExpandMore';
import FolderIcon from '@mui/icons-material/Folder';
import { Box, ButtonBase } from '@mui/material';
import { useEffect, useState } from 'react';
import type { BoardFilesView } from './files-store';
import { joinPath } from './format';

/**
 * One board's eMMC folders, from the listings the files store keeps for that board (`load` lists a folder as it is
 * expanded); the current folder's ancestors are open.
 */
export function FolderTree({
  view,
  onOpen,
  load,
}: {
  view: BoardFilesView;
  onOpen: (path: string) => void;
  load: (path: string) => void;
}) {
  const current = view.path;
  const [open, setOpen] = useState<Set<string>>(new Set(['/']));

  useEffect(() => {
    const chain = ['/'];
    for (const seg of current.split('/').filter(Boolean)) chain.push(joinPath(chain.at(-1)!, seg));
    setOpen((o) => new Set([...o, ...chain]));
    for (const p of chain) if (!view.folders[p]?.listing && !view.folders[p]?.loading) load(p);
    // Only a move to another folder asks for listings; the store re-lists after changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current, load]);

  const node = (path: string, name: string, depth: number): React.ReactNode => {
    const isOpen = open.has(path);
    const kids = view.folders[path]?.listing?.entries
      .filter((e) => e.kind === 'dir')
      .map((e) => e.name)
      .sort((a, b) => a.localeCompare(b));
    return (
      <Box key={path}>
        <ButtonBase
          onClick={() => onOpen(path)}
          aria-current={path === current ? 'true' : undefined}
          sx={{
            width: '100%',
            justifyContent: 'flex-start',
            pl: depth * 1.5 + 0.5,
            py: 0.25,
            borderRadius: 1,
            fontSize: 13,
            bgcolor: path === current ? 'action.selected' : undefined,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
          }}
          title={path}
        >
          <Box
            component="span"
            role="button"
            aria-label={isOpen ? `Collapse ${name}` : `Expand ${name}`}
            onClick={(ev) => {
              ev.stopPropagation();
              setOpen((o) => {
                const n = new Set(o);
                if (n.has(path)) n.delete(path);
                else {
                  n.add(path);
                  load(path);
                }
                return n;
              });
            }}
            sx={{
              display: 'inline-flex',
              color: 'text.secondary',
              visibility: kids && kids.length === 0 ? 'hidden' : undefined,
            }}
          >
            {isOpen ? <ExpandMore fontSize="small" /> : <ChevronRight fontSize="small" />}
          </Box>
          <FolderIcon fontSize="small" sx={{ color: 'primary.main', mr: 0.75 }} />
          <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
            {name}
          </Box>
        </ButtonBase>
        {isOpen && kids?.map((k) => node(joinPath(path, k), k, depth + 1))}
      </Box>
    );
  };

  return (
    <Box
      component="nav"
      aria-label="Folders"
      data-testid="folder-tree"
      sx={{ height: '100%', overflow: 'auto', p: 0.5 }}
    >
      {node('/', 'eMMC /', 0)}
    </Box>
  );
}
