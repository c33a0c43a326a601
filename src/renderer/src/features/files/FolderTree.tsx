import ChevronRight from '@mui/icons-material/ChevronRight';
import ExpandMore from '@mui/icons-material/ExpandMore';
import FolderIcon from '@mui/icons-material/Folder';
import { Box, ButtonBase } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../bridge';
import { joinPath } from './format';

/** The eMMC's folders, loaded as they are expanded; the current folder's ancestors are open. */
export function FolderTree({
  current,
  onOpen,
  version,
}: {
  current: string;
  onOpen: (path: string) => void;
  version: number;
}) {
  const [children, setChildren] = useState<Record<string, string[]>>({});
  const [open, setOpen] = useState<Set<string>>(new Set(['/']));

  const load = useCallback(async (path: string) => {
    const r = await api.invoke('files:list', { path });
    if (r.ok)
      setChildren((c) => ({
        ...c,
        [path]: r.value.entries
          .filter((e) => e.kind === 'dir')
          .map((e) => e.name)
          .sort((a, b) => a.localeCompare(b)),
      }));
  }, []);

  useEffect(() => {
    const chain = ['/'];
    for (const seg of current.split('/').filter(Boolean)) chain.push(joinPath(chain.at(-1)!, seg));
    setOpen((o) => new Set([...o, ...chain]));
    for (const p of chain) void load(p);
  }, [current, load, version]);

  const node = (path: string, name: string, depth: number): React.ReactNode => {
    const isOpen = open.has(path);
    const kids = children[path];
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
                  void load(path);
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
