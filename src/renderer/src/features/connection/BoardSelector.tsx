import AddIcon from '@mui/icons-material/Add';
import MemoryIcon from '@mui/icons-material/Memory';
import ArrowDropDownIcon from '@mui/icons-material/ArrowDropDown';
import CheckIcon from '@mui/icons-material/Check';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import EditIcon from '@mui/icons-material/EditOutlined';
import {
  Box,
  Button,
  Chip,
  Divider,
  IconButton,
  ListItemIcon,
  ListItemText,
  Menu,
  MenuItem,
  Snackbar,
  Tooltip,
} from '@mui/material';
import { useState } from 'react';
import type { BoardProfile, RealBoardProfile } from '../../../../shared/bridge/contracts/links';
import { useBoardProfiles, useLinksState } from './links-context';
import { profilesStore } from './use-connection-stores';
import { ProfileDialog } from './ProfileDialog';

/** A small "virtual" badge, so a screenshot never passes the virtual board off as a real one. */
export function VirtualBadge() {
  return (
    <Chip
      label="virtual"
      size="small"
      color="primary"
      variant="outlined"
      sx={{ height: 18, fontSize: 11, '& .MuiChip-label': { px: 0.75 } }}
    />
  );
}

/** The board the app watches: always visible, one click to switch, add/edit/remove real boards, add virtual ones. */
export function BoardSelector() {
  const profiles = useBoardProfiles();
  const state = useLinksState();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [dialog, setDialog] = useState<{ profile?: RealBoardProfile } | undefined>();
  const [message, setMessage] = useState<string>();
  // The focused board, as the core's links state names it: the one place the renderer learns the focus from.
  const selected = profiles?.profiles.find((p) => p.id === state?.board?.id);

  const select = async (p: BoardProfile) => {
    setAnchor(null);
    const error = await profilesStore.focus(p.id);
    if (error) setMessage(error);
  };
  const remove = async (p: BoardProfile) => {
    setAnchor(null);
    const what =
      p.kind === 'virtual'
        ? `Remove the virtual board "${p.name}"? It stops; its eMMC folder is kept in the app's data directory.`
        : `Remove the board "${p.name}" (${p.host})?`;
    if (!window.confirm(what)) return;
    const error = await profilesStore.remove(p.id);
    if (error) setMessage(error);
  };
  const addVirtual = async () => {
    setAnchor(null);
    const error = await profilesStore.addVirtual();
    if (error) setMessage(error);
  };
  const removeButton = (p: BoardProfile) => (
    <Tooltip title={`Remove ${p.name}`}>
      <IconButton size="small" aria-label={`Remove ${p.name}`} onClick={() => void remove(p)}>
        <DeleteIcon fontSize="small" />
      </IconButton>
    </Tooltip>
  );

  return (
    <>
      <Button
        variant="outlined"
        color="inherit"
        size="small"
        onClick={(e) => setAnchor(e.currentTarget)}
        endIcon={<ArrowDropDownIcon />}
        aria-haspopup="menu"
        aria-label={`Board: ${selected ? `${selected.name} · ${selected.host}` : 'none'}`}
        data-testid="board-selector"
        sx={{
          textTransform: 'none',
          borderColor: 'divider',
          minWidth: 220,
          justifyContent: 'space-between',
          gap: 1,
          height: 32,
        }}
      >
        <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 1, minWidth: 0 }}>
          <Box
            component="span"
            sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', maxWidth: 200 }}
          >
            {selected ? selected.name : profiles?.profiles.length === 0 ? 'No board: add one' : 'No board'}
          </Box>
          {selected && (
            <Box component="span" sx={{ color: 'text.secondary', whiteSpace: 'nowrap' }}>
              · {selected.host}
            </Box>
          )}
          {selected?.kind === 'virtual' && <VirtualBadge />}
        </Box>
      </Button>
      <Menu
        anchorEl={anchor}
        open={Boolean(anchor)}
        onClose={() => setAnchor(null)}
        slotProps={{ list: { dense: true, 'aria-label': 'Boards' } }}
      >
        {(profiles?.profiles ?? []).map((p) => (
          <MenuItem
            key={p.id}
            selected={p.id === selected?.id}
            onClick={() => void select(p)}
            data-testid={`board-option-${p.kind === 'virtual' ? p.id : p.name}`}
            sx={{ gap: 1, minWidth: 340 }}
          >
            <ListItemIcon sx={{ minWidth: 24 }}>
              {p.id === selected?.id && <CheckIcon fontSize="small" />}
            </ListItemIcon>
            <ListItemText
              primary={p.name}
              secondary={p.kind === 'virtual' ? 'in-app emulator · 127.0.0.1' : `${p.host} · ws ${p.wsPort}`}
            />
            {p.kind === 'virtual' ? (
              <Box sx={{ display: 'flex', alignItems: 'center' }} onClick={(e) => e.stopPropagation()}>
                <VirtualBadge />
                {removeButton(p)}
              </Box>
            ) : (
              <Box sx={{ display: 'flex' }} onClick={(e) => e.stopPropagation()}>
                <Tooltip title={`Edit ${p.name}`}>
                  <IconButton
                    size="small"
                    aria-label={`Edit ${p.name}`}
                    onClick={() => (setAnchor(null), setDialog({ profile: p }))}
                  >
                    <EditIcon fontSize="small" />
                  </IconButton>
                </Tooltip>
                {removeButton(p)}
              </Box>
            )}
          </MenuItem>
        ))}
        <Divider />
        <MenuItem onClick={() => (setAnchor(null), setDialog({}))} data-testid="board-add">
          <ListItemIcon sx={{ minWidth: 24 }}>
            <AddIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText primary="Add real board…" />
        </MenuItem>
        <MenuItem onClick={() => void addVirtual()} data-testid="board-add-virtual">
          <ListItemIcon sx={{ minWidth: 24 }}>
            <MemoryIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText
            primary="Add virtual board"
            secondary="another emulator in the app, with its own ports and eMMC"
          />
        </MenuItem>
      </Menu>
      {dialog && <ProfileDialog open profile={dialog.profile} onClose={() => setDialog(undefined)} />}
      <Snackbar
        open={Boolean(message)}
        autoHideDuration={6000}
        onClose={() => setMessage(undefined)}
        message={message}
      />
    </>
  );
}
