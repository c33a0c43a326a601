import NotificationsIcon from '@mui/icons-material/NotificationsActiveOutlined';
import { Alert, Box, Button, Snackbar, Tab, Tabs, Typography } from '@mui/material';
import { useState } from 'react';
import type { AlarmRecord } from '../../../../shared/bridge/contracts/alarms';
import { useNavigation } from '../../ui/navigation';
import { useNow } from '../connection/links-context';
import { runs } from '../sessions/use-runs';
import { AlarmList } from './AlarmList';
import type { Say } from './alarm-words';
import { CapturesTab } from './CapturesTab';
import { RulesTab } from './RulesTab';
import { alarms, useAlarms } from './use-alarms';

type TabId = 'alarms' | 'rules' | 'captures';

/** What the notifications button says, by permission. */
const NOTIFY_WORDS = {
  default: 'Allow notifications',
  granted: 'Notifications on',
  denied: 'Notifications blocked in this browser',
  unsupported: 'This browser cannot show notifications',
} as const;

/** The alarms of every board, the rules that raise them, and the bundles they saved. */
export function AlarmsPage() {
  const snap = useAlarms();
  const [tab, setTab] = useState<TabId>('alarms');
  const [message, setMessage] = useState<{ text: string; tone: 'error' | 'info' } | undefined>();
  const say: Say = (text, tone = 'error') => text && setMessage({ text, tone });
  const { goTo } = useNavigation();
  const now = useNow(1000);
  const show = (a: AlarmRecord) =>
    void runs.openAt(a.boardId, a.raisedAt, a.boardName).then((failed) => {
      if (failed) say(failed);
      else goTo('sessions', a.raisedAt);
    });
  const active = snap.state?.active.length ?? 0;
  return (
    <Box
      sx={{ height: '100%', display: 'flex', flexDirection: 'column', minHeight: 0 }}
      data-testid="alarms-page"
    >
      <Box sx={{ px: 2, pt: 1, borderBottom: 1, borderColor: 'divider' }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
          <Typography variant="h6" component="h2">
            Alarms
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ flex: 1, minWidth: 200 }}>
            The bench watches every board against its rules, also when nobody looks, and keeps the evidence.
          </Typography>
          {snap.notify !== 'desktop' && (
            <Button
              size="small"
              variant={snap.notify === 'default' ? 'outlined' : 'text'}
              startIcon={<NotificationsIcon />}
              disabled={snap.notify !== 'default'}
              onClick={() => void alarms.allowNotifications()}
              data-testid="alarms-notify"
              data-permission={snap.notify}
              title="Shows a notification from this page each time an alarm is raised, while the page is open"
            >
              {NOTIFY_WORDS[snap.notify]}
            </Button>
          )}
        </Box>
        <Tabs value={tab} onChange={(_, v: TabId) => setTab(v)} aria-label="Alarms page">
          <Tab
            value="alarms"
            label={`Alarms${active ? ` (${active} raised)` : ''}`}
            data-testid="alarms-tab-alarms"
          />
          <Tab
            value="rules"
            label={`Rules${snap.rules ? ` (${snap.rules.rules.length})` : ''}`}
            data-testid="alarms-tab-rules"
          />
          <Tab value="captures" label="Captures" data-testid="alarms-tab-captures" />
        </Tabs>
      </Box>
      <Box sx={{ flex: 1, minHeight: 0 }}>
        {snap.error && !snap.state ? (
          <Alert severity="error" sx={{ m: 2 }} data-testid="alarms-error">
            The bench did not answer about its alarms: {snap.error}
          </Alert>
        ) : tab === 'alarms' ? (
          snap.state ? (
            <AlarmList
              state={snap.state}
              now={now}
              onAck={(id) => void alarms.ack(id).then(say)}
              onAckAll={() => void alarms.ackAll().then(say)}
              onShow={show}
            />
          ) : (
            <Typography color="text.secondary" sx={{ p: 2 }}>
              Asking the bench for its alarms…
            </Typography>
          )
        ) : tab === 'rules' ? (
          snap.rules ? (
            <RulesTab view={snap.rules} say={say} />
          ) : (
            <Typography color="text.secondary" sx={{ p: 2 }}>
              Asking the bench for its rules…
            </Typography>
          )
        ) : (
          <CapturesTab captures={snap.captures ?? []} error={snap.capturesError} say={say} />
        )}
      </Box>
      <Snackbar open={message !== undefined} autoHideDuration={8000} onClose={() => setMessage(undefined)}>
        <Alert
          severity={message?.tone === 'info' ? 'success' : 'error'}
          variant="filled"
          onClose={() => setMessage(undefined)}
          sx={{ maxWidth: 700 }}
        >
          {message?.text}
        </Alert>
      </Snackbar>
    </Box>
  );
}
