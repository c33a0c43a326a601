import { MenuItem, TextField } from '@mui/material';

/**
 * Named items to pick from, as a select that always reads empty: picking one fills the composer (it is an action,
 * not a setting), so the same item can be picked again.
 */
export function PickList<T extends { readonly name: string }>({
  label,
  items,
  onPick,
  width,
  empty,
}: {
  label: string;
  items: readonly T[];
  onPick: (item: T) => void;
  width: number;
  /** Shown, disabled, when there is nothing to pick. */
  empty?: string;
}) {
  return (
    <TextField
      select
      size="small"
      label={label}
      value=""
      onChange={(e) => {
        const item = items.find((x) => x.name === e.target.value);
        if (item) onPick(item);
      }}
      sx={{ width }}
    >
      {items.length === 0 && empty && (
        <MenuItem disabled value="none" dense>
          {empty}
        </MenuItem>
      )}
      {items.map((x) => (
        <MenuItem key={x.name} value={x.name} dense>
          {x.name}
        </MenuItem>
      ))}
    </TextField>
  );
}
