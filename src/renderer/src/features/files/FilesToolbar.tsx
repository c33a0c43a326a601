import CreateNewFolderIcon from '@mui/icons-material/CreateNewFolderOutlined';
import DeleteIcon from '@mui/icons-material/DeleteOutlineOutlined';
import DownloadIcon from '@mui/icons-material/Download';
import DriveFileRenameIcon from '@mui/icons-material/DriveFileRenameOutline';
import DriveFolderUploadIcon from '@mui/icons-material/DriveFolderUpload';
import FileDownloadIcon from '@mui/icons-material/SaveAlt';
import RefreshIcon from '@mui/icons-material/Refresh';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import TerminalIcon from '@mui/icons-material/InputOutlined';
import { Box, Breadcrumbs, Divider, IconButton, Link, Tooltip } from '@mui/material';
import { Fragment, type ReactElement } from 'react';
import { ToolRow } from '../../components/ToolRow';
import { joinPath } from './format';

/** What the toolbar can do; each undefined action is shown disabled. */
export interface ToolbarActions {
  uploadFiles: () => void;
  uploadFolder: () => void;
  /** Desktop app only: upload a folder picked in a native dialog. */
  uploadFromHost?: () => void;
  newFolder: () => void;
  rename?: () => void;
  remove?: () => void;
  download?: () => void;
  saveHere?: () => void;
  refresh: () => void;
}

function Tool({
  title,
  icon,
  onClick,
  testId,
}: {
  title: string;
  icon: ReactElement;
  onClick?: () => void;
  testId: string;
}) {
  return (
    <Tooltip title={title}>
      <span>
        <IconButton
          size="small"
          aria-label={title}
          disabled={!onClick}
          onClick={onClick}
          data-testid={testId}
        >
          {icon}
        </IconButton>
      </span>
    </Tooltip>
  );
}

/** The toolbar's buttons in their groups (a divider between groups); each runs the action of its name. */
const TOOL_GROUPS: readonly (readonly {
  action: keyof ToolbarActions;
  title: string;
  icon: ReactElement;
  testId: string;
}[])[] = [
  [
    { action: 'uploadFiles', title: 'Upload files', icon: <UploadFileIcon />, testId: 'tool-upload-files' },
    {
      action: 'uploadFolder',
      title: 'Upload a folder',
      icon: <DriveFolderUploadIcon />,
      testId: 'tool-upload-folder',
    },
    {
      action: 'uploadFromHost',
      title: 'Upload a folder from the bench computer (desktop app)',
      icon: <TerminalIcon />,
      testId: 'tool-upload-host',
    },
  ],
  [
    { action: 'newFolder', title: 'New folder', icon: <CreateNewFolderIcon />, testId: 'tool-new-folder' },
    { action: 'rename', title: 'Rename', icon: <DriveFileRenameIcon />, testId: 'tool-rename' },
    { action: 'remove', title: 'Delete (Del)', icon: <DeleteIcon />, testId: 'tool-delete' },
  ],
  [
    {
      action: 'download',
      title: 'Download to a folder on the bench computer',
      icon: <DownloadIcon />,
      testId: 'tool-download',
    },
    {
      action: 'saveHere',
      title: 'Save to this computer (files up to 20 MB)',
      icon: <FileDownloadIcon />,
      testId: 'tool-save-here',
    },
    { action: 'refresh', title: 'Refresh', icon: <RefreshIcon />, testId: 'tool-refresh' },
  ],
];

/** Breadcrumbs of the current folder and the file actions. */
export function FilesToolbar({
  path,
  onOpen,
  actions,
}: {
  path: string;
  onOpen: (p: string) => void;
  actions: ToolbarActions;
}) {
  const segs = path.split('/').filter(Boolean);
  const crumbs = [
    { label: 'eMMC', path: '/' },
    ...segs.map((s, i) => ({ label: s, path: segs.slice(0, i + 1).reduce((a, b) => joinPath(a, b), '/') })),
  ];
  return (
    <ToolRow sx={{ flexWrap: 'nowrap', px: 1, py: 0.5, minWidth: 0 }}>
      <Breadcrumbs
        aria-label="Folder path"
        maxItems={6}
        sx={{ flex: 1, minWidth: 0, '& ol': { flexWrap: 'nowrap' }, '& li': { whiteSpace: 'nowrap' } }}
        data-testid="breadcrumbs"
      >
        {crumbs.map((c, i) =>
          i === crumbs.length - 1 ? (
            <Box key={c.path} component="span" sx={{ color: 'text.primary', fontWeight: 600 }}>
              {c.label}
            </Box>
          ) : (
            <Link
              key={c.path}
              component="button"
              underline="hover"
              color="inherit"
              onClick={() => onOpen(c.path)}
            >
              {c.label}
            </Link>
          ),
        )}
      </Breadcrumbs>
      {TOOL_GROUPS.map((group, g) => (
        <Fragment key={group[0]!.testId}>
          {g > 0 && <Divider orientation="vertical" flexItem />}
          {group.map((t) => (
            <Tool
              key={t.testId}
              title={t.title}
              icon={t.icon}
              onClick={actions[t.action]}
              testId={t.testId}
            />
          ))}
        </Fragment>
      ))}
    </ToolRow>
  );
}
