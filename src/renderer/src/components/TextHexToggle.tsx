import { ToggleButton, ToggleButtonGroup } from '@mui/material';

/** How typed bytes are read: as text, or as pairs of hex digits. */
export type TextOrHex = 'text' | 'hex';

/** The Text / Hex switch beside a field where the user types bytes to send. */
export function TextHexToggle({
  value,
  onChange,
  label,
}: {
  value: TextOrHex;
  onChange: (v: TextOrHex) => void;
  /** What the switch decides, for screen readers ("Send as"). */
  label: string;
}) {
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={value}
      onChange={(_e, v: TextOrHex | null) => v && onChange(v)}
      aria-label={label}
    >
      <ToggleButton value="text" sx={{ py: 0.25, textTransform: 'none' }}>
        Text
      </ToggleButton>
      <ToggleButton value="hex" sx={{ py: 0.25, textTransform: 'none' }}>
        Hex
      </ToggleButton>
    </ToggleButtonGroup>
  );
}
