import { Alert, Box, Button, Tab, Tabs, TextField, Tooltip } from '@mui/material';
import { memo, useEffect, useState } from 'react';
import type { FramesSenderState } from '../../../../shared/bridge/contracts/frames';
import { FRAME_TEMPLATES, type FrameTemplate } from '../../../../shared/frames/templates';
import type { SavedMessage } from '../../../../shared/frames/types';
import { mono } from '../../ui/theme';
import type { ComposerRequests, SendOutcome } from './board-frames';
import { RawComposer } from './RawComposer';
import { PickList } from './PickList';

/** The templates that fill the message box (the raw ones are the raw composer's probes). */
const TEXT_TEMPLATES = FRAME_TEMPLATES.filter(
  (t): t is Extract<FrameTemplate, { kind: 'text' }> => t.kind === 'text',
);

/** The composer: a text message (templates, saved messages), ping, close, and the raw-frame probe. */
export const Composer = memo(function Composer({ requests }: { requests: ComposerRequests }) {
  const [mode, setMode] = useState<'message' | 'raw'>('message');
  const [sender, setSender] = useState<FramesSenderState>({
    boardId: undefined,
    canSend: false,
    reason: undefined,
  });
  const [text, setText] = useState(FRAME_TEMPLATES[0]!.kind === 'text' ? FRAME_TEMPLATES[0]!.text : '');
  const [closeCode, setCloseCode] = useState('1000');
  const [saved, setSaved] = useState<readonly SavedMessage[]>([]);
  const [outcome, setOutcome] = useState<SendOutcome>();

  useEffect(() => {
    void requests.sender().then((r) => r.ok && setSender(r.value));
    void requests.saved().then((r) => r.ok && setSaved(r.value));
    return requests.onSender(setSender);
  }, [requests]);

  const report = async (p: ReturnType<ComposerRequests['sendText']>, what: string) => {
    const r = await p;
    setOutcome(
      r.ok
        ? {
            ok: true,
            text: `${what}: ${r.value.bytes} B handed to the link${r.value.header ? ` (header ${r.value.header})` : ''}`,
          }
        : { ok: false, text: r.error.message },
    );
  };
  const code = Number(closeCode);
  const codeOk = Number.isInteger(code) && code >= 1000 && code <= 4999;
  const disabled = !sender.canSend;

  return (
    <Box sx={{ borderTop: 1, borderColor: 'divider', px: 1, pb: 1 }} data-testid="frames-composer">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Tabs
          value={mode}
          onChange={(_e, v: 'message' | 'raw') => setMode(v)}
          sx={{
            minHeight: 30,
            '& .MuiTab-root': { minHeight: 30, py: 0, fontSize: 12, textTransform: 'none' },
          }}
        >
          <Tab value="message" label="Message" />
          <Tab value="raw" label="Raw frame (probe the board's parser)" sx={{ color: 'warning.main' }} />
        </Tabs>
        <Box sx={{ flex: 1 }} />
        {disabled && (
          <Box sx={{ fontSize: 12, color: 'text.secondary' }} role="status">
            {sender.reason ?? 'Checking the link…'}
          </Box>
        )}
      </Box>
      {mode === 'message' ? (
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr auto', gap: 1, mt: 0.5 }}>
          <TextField
            multiline
            minRows={2}
            maxRows={4}
            value={text}
            onChange={(e) => setText(e.target.value)}
            slotProps={{
              htmlInput: {
                'aria-label': 'Message text',
                spellCheck: false,
                style: { fontFamily: mono, fontSize: 12 },
              },
            }}
            helperText={`${new TextEncoder().encode(text).length} B${new TextEncoder().encode(text).length >= 1024 ? ' — the firmware ignores text of 1024 bytes or more' : ''}`}
          />
          <Box
            sx={{ display: 'grid', gridTemplateColumns: 'repeat(3, auto)', gap: 0.75, alignContent: 'start' }}
          >
            <PickList label="Template" items={TEXT_TEMPLATES} onPick={(t) => setText(t.text)} width={150} />
            <PickList
              label="Saved"
              items={saved}
              onPick={(m) => setText(m.text)}
              width={130}
              empty="No saved messages yet"
            />
            <Button
              size="small"
              variant="outlined"
              onClick={() => {
                const name = window.prompt('Save this message as:', text.slice(0, 40));
                if (name?.trim())
                  void requests
                    .save(name.trim(), text)
                    .then((r) =>
                      r.ok ? setSaved(r.value) : setOutcome({ ok: false, text: r.error.message }),
                    );
              }}
            >
              Save
            </Button>
            <Button
              variant="contained"
              size="small"
              disabled={disabled}
              onClick={() => void report(requests.sendText(text), 'Sent text')}
            >
              Send
            </Button>
            <Button
              size="small"
              variant="outlined"
              disabled={disabled}
              onClick={() => void report(requests.ping(), 'Ping sent')}
            >
              Ping
            </Button>
            <Box sx={{ display: 'flex', gap: 0.5 }}>
              <TextField
                size="small"
                label="Code"
                value={closeCode}
                onChange={(e) => setCloseCode(e.target.value)}
                error={!codeOk}
                slotProps={{ htmlInput: { inputMode: 'numeric', 'aria-label': 'Close code' } }}
                sx={{ width: 64 }}
              />
              <Tooltip title="Send a Close frame with this status code (the firmware never echoes it)">
                <span>
                  <Button
                    size="small"
                    variant="outlined"
                    color="warning"
                    disabled={disabled || !codeOk}
                    onClick={() => void report(requests.close(code), 'Close sent')}
                  >
                    Close
                  </Button>
                </span>
              </Tooltip>
            </Box>
          </Box>
        </Box>
      ) : (
        <RawComposer requests={requests} disabled={disabled} onOutcome={setOutcome} />
      )}
      {outcome && (
        <Alert
          severity={outcome.ok ? 'success' : 'error'}
          variant="outlined"
          onClose={() => setOutcome(undefined)}
          sx={{ mt: 0.5, py: 0, fontSize: 12 }}
        >
          {outcome.text}
        </Alert>
      )}
    </Box>
  );
});
