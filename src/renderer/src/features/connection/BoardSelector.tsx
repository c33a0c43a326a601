import { MenuItem, Select } from '@mui/material';

/** The board the app watches. One board for now; profiles arrive with the board links. */
export function BoardSelector() {
  return (
    <Select size="small" value="virtual" aria-label="Board" data-testid="board-selector" sx={{ minWidth: 220, height: 32 }}>
      <MenuItem value="virtual">Virtual board · 127.0.0.1</MenuItem>
    </Select>
  );
}
