import {
  Alert,
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  Paper,
  Switch,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import {
  brokerUrlProblem,
  type MqttConfig,
  type MqttConfigView,
} from '../../../../shared/bridge/contracts/mqtt';
import { topicPrefixText } from './lab-words';
import { mqttStore } from './use-mqtt';

type Draft = Omit<MqttConfigView, 'passwordSet' | 'queueMax'> & { password: string };

/** What the form edits: every setting but the queue size; the password field starts empty. */
function draftOf(v: MqttConfigView): Draft {
  const { passwordSet: _p, queueMax: _q, ...rest } = v;
  return { ...rest, password: '' };
}

const text = (
  label: string,
  value: string,
  set: (v: string) => void,
  opts: { placeholder?: string; type?: string; helper?: string; error?: boolean; testId?: string } = {},
) => (
  <TextField
    size="small"
    label={label}
    value={value}
    type={opts.type}
    placeholder={opts.placeholder}
    helperText={opts.helper}
    error={opts.error}
    onChange={(e) => set(e.target.value)}
    slotProps={{ htmlInput: { 'data-testid': opts.testId, spellCheck: false } }}
    fullWidth
  />
);

/** The Lab settings panel: the broker, the login, TLS files, the topic tree, remote commands of this board. */
export function MqttSettings({
  board,
  publishedBench,
}: {
  board: { id: string; name: string } | undefined;
  /** The bench name the core publishes under (the host name while the setting is empty). */
  publishedBench: string | undefined;
}) {
  const [saved, setSaved] = useState<MqttConfigView>();
  const [draft, setDraft] = useState<Draft>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void mqttStore.config().then((r) => {
      if (!r.ok) return setError(r.error.message);
      setSaved(r.value);
      setDraft(draftOf(r.value));
    });
  }, []);

  if (!draft || !saved) return <Paper sx={{ p: 2 }}>{error ?? 'Loading the MQTT settings…'}</Paper>;
  const set =
    <K extends keyof Draft>(k: K) =>
    (v: Draft[K]) =>
      setDraft({ ...draft, [k]: v });
  const urlProblem = draft.url ? brokerUrlProblem(draft.url) : undefined;
  const remote = board ? draft.remoteCommands.includes(board.id) : false;

  const save = async (enabled: boolean) => {
    setBusy(true);
    setError(undefined);
    const { password, ...rest } = draft;
    const patch: Partial<MqttConfig> = { ...rest, enabled, ...(password ? { password } : {}) };
    const r = await mqttStore.setConfig(patch);
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setSaved(r.value);
    setDraft(draftOf(r.value));
  };

  return (
    <Paper sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1.5 }} data-testid="mqtt-settings">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, flex: 1 }}>
          MQTT broker
        </Typography>
        <FormControlLabel
          label={saved.enabled ? 'Publishing' : 'Off'}
          control={
            <Switch
              checked={saved.enabled}
              disabled={busy || (!saved.enabled && (!draft.url || urlProblem !== undefined))}
              onChange={(e) => void save(e.target.checked)}
              slotProps={{ input: { 'aria-label': 'Publish to the MQTT broker' } }}
              data-testid="mqtt-enabled"
            />
          }
        />
      </Box>
      <Typography variant="body2" color="text.secondary">
        Every board this bench watches is published under{' '}
        <Box component="code" data-testid="mqtt-topic-prefix">
          {topicPrefixText(draft.prefix, draft.bench, saved.bench, publishedBench)}
        </Box>
        … (docs/mqtt.md). Messages wait on disk while the broker is away.
      </Typography>
      {text('Broker URL', draft.url, set('url'), {
        placeholder: 'mqtt://broker.lab:1883',
        helper: urlProblem ?? 'mqtt://, mqtts://, ws:// or wss://',
        error: urlProblem !== undefined,
        testId: 'mqtt-url',
      })}
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 1.5 }}>
        {text('User name', draft.username, set('username'))}
        {text('Password', draft.password, set('password'), {
          type: 'password',
          placeholder: saved.passwordSet ? 'saved (type to change)' : '',
        })}
        {text('CA file (PEM)', draft.caFile, set('caFile'), { placeholder: '/etc/ssl/lab-ca.pem' })}
        {text('Client id', draft.clientId, set('clientId'), {
          placeholder: `nucleo-mem-${saved.bench || 'bench'}`,
        })}
        {text('Client certificate (PEM)', draft.certFile, set('certFile'))}
        {text('Client key (PEM)', draft.keyFile, set('keyFile'))}
        {text('Topic prefix', draft.prefix, set('prefix'))}
        {text('Bench name', draft.bench, set('bench'), {
          placeholder: saved.bench === '' && publishedBench ? publishedBench : 'the host name',
          testId: 'mqtt-bench',
        })}
      </Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
        <Typography variant="body2">Telemetry QoS</Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={draft.qos}
          onChange={(_e, v: 0 | 1 | null) => v !== null && set('qos')(v)}
        >
          <ToggleButton value={0} sx={{ textTransform: 'none' }}>
            0 · at most once
          </ToggleButton>
          <ToggleButton value={1} sx={{ textTransform: 'none' }}>
            1 · at least once
          </ToggleButton>
        </ToggleButtonGroup>
      </Box>
      {board && (
        <FormControlLabel
          control={
            <Checkbox
              checked={remote}
              onChange={(e) =>
                set('remoteCommands')(
                  e.target.checked
                    ? [...draft.remoteCommands, board.id]
                    : draft.remoteCommands.filter((id) => id !== board.id),
                )
              }
            />
          }
          label={`Let the broker switch the LEDs of ${board.name} (…/led/set); each command sent is logged, refused ones are summed up every 5 s`}
        />
      )}
      {error && <Alert severity="error">{error}</Alert>}
      <Box>
        <Button
          variant="contained"
          disabled={busy || urlProblem !== undefined || !draft.url}
          onClick={() => void save(true)}
          sx={{ textTransform: 'none' }}
          data-testid="mqtt-save"
        >
          {saved.enabled ? 'Save and reconnect' : 'Save and publish'}
        </Button>
      </Box>
    </Paper>
  );
}
