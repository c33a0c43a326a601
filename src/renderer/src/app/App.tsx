import { AppBar, Box, CssBaseline, ThemeProvider, Toolbar, Typography } from '@mui/material';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AppInfo } from '../../../shared/bridge/contracts/app';
import { BoardSelector } from '../features/connection/BoardSelector';
import { LinksProvider } from '../features/connection/links-context';
import { CoreLostNotice } from '../features/connection/CoreLostNotice';
import { NavigationContext, type FocusRequest, type Navigation } from '../ui/navigation';
import { StatusFigures } from '../features/connection/StatusFigures';
import { LinkChips } from '../features/connection/LinkChips';
import { NoBoard, useNoBoard } from '../features/connection/NoBoard';
import { RecordingBadge, RecordingTarget } from '../features/telemetry/RecordingBadge';
import { MqttChip } from '../features/lab/MqttChip';
import { AlarmsBarButton } from '../features/alarms/AlarmsBarButton';
import { settingsStore } from '../features/settings/use-settings';
import { LiveMarkButton } from '../features/sessions/LiveMarkButton';
import { NavRail } from './NavRail';
import { pageForKey, pages, type PageId } from './pages';
import { StateNotice } from './StateNotice';
import { StatusBar } from './StatusBar';
import { theme } from '../ui/theme';

/** The app's name in the app bar; in a narrow window it gives its room to the board selector (still read aloud). */
const titleSx = {
  fontWeight: 700,
  whiteSpace: 'nowrap',
  '@media (max-width: 899.95px)': {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
  },
} as const;

/** The window: app bar, navigation rail, the page, status bar. */
export function App() {
  const [page, setPage] = useState<PageId>('dashboard');
  const [info, setInfo] = useState<AppInfo | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const [infoResult, settings] = await Promise.all([settingsStore.info(), settingsStore.load()]);
      if (cancelled) return;
      if (infoResult.ok) setInfo(infoResult.value);
      else setError(infoResult.error.message);
      if (settings.ok) setPage(settings.value.page);
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  const [focus, setFocus] = useState<FocusRequest | undefined>();
  const select = useCallback((id: PageId) => {
    setPage(id);
    void settingsStore.setPage(id);
  }, []);
  const navigation = useMemo<Navigation>(
    () => ({
      goTo: (id, focusT) => {
        setFocus(focusT === undefined ? undefined : { page: id, t: focusT });
        select(id);
      },
      focus,
      clearFocus: () => setFocus(undefined),
    }),
    [focus, select],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const target = pageForKey(e.key);
      if (target) {
        e.preventDefault();
        select(target.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [select]);

  const Current = (pages.find((p) => p.id === page) ?? pages[0]!).component;
  // With no board at all, the pages of a board say how to get one; the Lab page (the MQTT settings, its own
  // "Add virtual board") stays as it is.
  const noBoard = useNoBoard() && page !== 'lab' && page !== 'sessions';

  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <LinksProvider>
        <Box
          data-app-state={info ? 'ready' : 'starting'}
          data-transport={info?.transport}
          sx={{ height: '100vh', display: 'flex', flexDirection: 'column', overflow: 'hidden' }}
        >
          <AppBar
            position="static"
            color="default"
            elevation={0}
            sx={{ borderBottom: 1, borderColor: 'divider' }}
          >
            <Toolbar variant="dense" sx={{ gap: 2 }}>
              <Typography variant="subtitle1" component="h1" sx={titleSx}>
                NUCLEO-MEM Bench
              </Typography>
              <BoardSelector />
              <Box sx={{ flex: 1 }} />
              <LinkChips />
              <AlarmsBarButton onOpen={() => select('alarms')} />
              <MqttChip onOpen={() => select('lab')} />
              <RecordingBadge onOpen={() => select('telemetry')} />
              <LiveMarkButton keyActive={page !== 'sessions'} />
            </Toolbar>
          </AppBar>
          <CoreLostNotice />
          <Box sx={{ flex: 1, display: 'flex', minHeight: 0 }}>
            <NavRail current={page} onSelect={select} />
            <Box
              component="main"
              sx={{ flex: 1, minWidth: 0, overflow: 'auto' }}
              data-testid={`page-${page}`}
            >
              <NavigationContext.Provider value={navigation}>
                {noBoard ? <NoBoard /> : <Current />}
              </NavigationContext.Provider>
            </Box>
          </Box>
          <StatusBar>
            {error ? (
              <span role="alert">{error}</span>
            ) : info ? (
              <span data-testid="app-info">
                {info.name} {info.version} · {info.platform} ·{' '}
                {info.transport === 'browser' ? 'browser mode' : 'desktop'}
              </span>
            ) : (
              <span>Starting…</span>
            )}
            <StatusFigures />
            <RecordingTarget />
          </StatusBar>
          <StateNotice />
        </Box>
      </LinksProvider>
    </ThemeProvider>
  );
}
