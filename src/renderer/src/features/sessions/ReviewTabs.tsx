import { Tab, Tabs } from '@mui/material';
import { memo } from 'react';

/** The review's views of its run. */
export type ReviewTabId = 'telemetry' | 'frames' | 'serial' | 'events';
const TABS: readonly ReviewTabId[] = ['telemetry', 'frames', 'serial', 'events'];

/**
 * The review's tabs. Memoized: MUI's Tabs measures its indicator after every render of its own (a forced layout of
 * the whole page), so a zoom or the cursor moving must not draw it again.
 */
export const ReviewTabs = memo(function ReviewTabs({
  tab,
  onTab,
}: {
  tab: ReviewTabId;
  onTab: (t: ReviewTabId) => void;
}) {
  return (
    <Tabs value={tab} onChange={(_, v: ReviewTabId) => onTab(v)} sx={{ minHeight: 36 }}>
      {TABS.map((t) => (
        <Tab key={t} value={t} label={t[0]!.toUpperCase() + t.slice(1)} sx={{ minHeight: 36, py: 0 }} />
      ))}
    </Tabs>
  );
});
