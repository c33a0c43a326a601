import DashboardIcon from '@mui/icons-material/SpaceDashboardOutlined';
import ShowChartIcon from '@mui/icons-material/ShowChart';
import SwapVertIcon from '@mui/icons-material/SwapVert';
import FolderIcon from '@mui/icons-material/FolderOutlined';
import MemoryIcon from '@mui/icons-material/Memory';
import TerminalIcon from '@mui/icons-material/Terminal';
import DeveloperBoardIcon from '@mui/icons-material/DeveloperBoard';
import HubIcon from '@mui/icons-material/HubOutlined';
import HistoryIcon from '@mui/icons-material/History';
import AlarmIcon from '@mui/icons-material/NotificationsActiveOutlined';
import PlaylistPlayIcon from '@mui/icons-material/PlaylistPlay';
import type { ComponentType, ReactElement } from 'react';
import { AlarmsPage } from '../features/alarms/AlarmsPage';
import { BoardPage } from '../features/board/BoardPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { FilesPage } from '../features/files/FilesPage';
import { FramesPage } from '../features/frames/FramesPage';
import { LabPage } from '../features/lab/LabPage';
import { MemoryPage } from '../features/memory/MemoryPage';
import { SerialPage } from '../features/serial/SerialPage';
import { ScenariosPage } from '../features/scenarios/ScenariosPage';
import { SessionsPage } from '../features/sessions/SessionsPage';
import { TelemetryPage } from '../features/telemetry/TelemetryPage';

import type { PageId } from '../ui/navigation';

export type { PageId };

/** One entry of the navigation rail. Order here is the Ctrl+1…9 order, then Ctrl+0 for the tenth. */
export interface PageDef {
  readonly id: PageId;
  readonly label: string;
  readonly icon: ReactElement;
  readonly component: ComponentType;
}

export const pages: readonly PageDef[] = [
  { id: 'dashboard', label: 'Dashboard', icon: <DashboardIcon />, component: DashboardPage },
  { id: 'telemetry', label: 'Telemetry', icon: <ShowChartIcon />, component: TelemetryPage },
  { id: 'frames', label: 'Frames', icon: <SwapVertIcon />, component: FramesPage },
  { id: 'files', label: 'Files', icon: <FolderIcon />, component: FilesPage },
  { id: 'memory', label: 'Memory', icon: <MemoryIcon />, component: MemoryPage },
  { id: 'serial', label: 'Serial', icon: <TerminalIcon />, component: SerialPage },
  { id: 'board', label: 'Board', icon: <DeveloperBoardIcon />, component: BoardPage },
  { id: 'lab', label: 'Lab', icon: <HubIcon />, component: LabPage },
  { id: 'sessions', label: 'Sessions', icon: <HistoryIcon />, component: SessionsPage },
  { id: 'alarms', label: 'Alarms', icon: <AlarmIcon />, component: AlarmsPage },
  { id: 'scenarios', label: 'Scenarios', icon: <PlaylistPlayIcon />, component: ScenariosPage },
];

/** The page Ctrl+<key> opens: 1…9, and 0 for the tenth. */
export function pageForKey(key: string): PageDef | undefined {
  if (!/^[0-9]$/.test(key)) return undefined;
  const n = Number(key);
  return pages[n === 0 ? 9 : n - 1];
}

/** The shortcut's key of the page at `index` ("1"…"9", "0"), if it has one. */
export function keyOfPage(index: number): string | undefined {
  return index < 9 ? String(index + 1) : index === 9 ? '0' : undefined;
}
