import { Box, Button, Typography } from '@mui/material';
import { useRef, useState } from 'react';
import {
  CERT_FIELD,
  MAX_CERT_BYTES,
  type CertKind,
  type MqttConfigView,
} from '../../../../shared/bridge/contracts/mqtt';
import type { Result } from '../../../../shared/result';
import { mqttStore } from './use-mqtt';

const LABELS: Record<CertKind, string> = {
  ca: 'CA certificate',
  cert: 'Client certificate',
  key: 'Client key',
};

/** One TLS file: its name (never a host path), and choose or upload, and remove. */
function CertRow({
  kind,
  name,
  busy,
  run,
}: {
  kind: CertKind;
  name: string;
  busy: boolean;
  run: (action: () => Promise<Result<MqttConfigView>>) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const label = LABELS[kind];
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }} data-testid={`mqtt-cert-${kind}`}>
      <Typography variant="body2" sx={{ width: 140, flexShrink: 0 }}>
        {label}
      </Typography>
      <Typography
        variant="body2"
        color={name ? 'text.primary' : 'text.secondary'}
        sx={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
        data-testid={`mqtt-cert-${kind}-name`}
      >
        {name || 'none'}
      </Typography>
      <input
        ref={input}
        type="file"
        hidden
        accept=".pem,.crt,.cer,.key"
        aria-label={`${label} file to upload`}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          // Cleared so that uploading the same file again (renewed) sends it again.
          e.currentTarget.value = '';
          if (file) run(() => mqttStore.uploadCert(kind, file));
        }}
      />
      <Button
        size="small"
        variant="outlined"
        disabled={busy}
        sx={{ textTransform: 'none' }}
        onClick={() =>
          mqttStore.canChooseFiles ? run(() => mqttStore.chooseCert(kind)) : input.current?.click()
        }
        aria-label={`${mqttStore.canChooseFiles ? 'Choose' : 'Upload'} the ${label.toLowerCase()}`}
      >
        {mqttStore.canChooseFiles ? 'Choose…' : 'Upload…'}
      </Button>
      <Button
        size="small"
        disabled={busy || !name}
        sx={{ textTransform: 'none' }}
        onClick={() => run(() => mqttStore.setConfig({ [CERT_FIELD[kind]]: '' }))}
        aria-label={`Remove the ${label.toLowerCase()}`}
      >
        Remove
      </Button>
    </Box>
  );
}

/**
 * The TLS files of mqtts:// and wss://. The bench keeps its own copy of each: chosen with the desktop app's dialog,
 * or uploaded from this page in browser mode. Answers the saved settings after each change.
 */
export function CertFiles({
  saved,
  onSaved,
  onError,
}: {
  saved: MqttConfigView;
  onSaved: (v: MqttConfigView) => void;
  onError: (message: string | undefined) => void;
}) {
  const [busy, setBusy] = useState(false);
  const run = (action: () => Promise<Result<MqttConfigView>>) => {
    setBusy(true);
    onError(undefined);
    void action().then((r) => {
      setBusy(false);
      if (r.ok) onSaved(r.value);
      else onError(r.error.message);
    });
  };
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.5 }}>
      <Typography variant="body2" color="text.secondary">
        TLS files for mqtts:// and wss:// (PEM, up to {MAX_CERT_BYTES / 1024} kB each; the bench keeps its own
        copy)
      </Typography>
      {(['ca', 'cert', 'key'] as const).map((kind) => (
        <CertRow key={kind} kind={kind} name={saved[CERT_FIELD[kind]]} busy={busy} run={run} />
      ))}
    </Box>
  );
}
