// Two edits from one form (limits, then details): the second is proposed once the first is applied,
// and dropped if the first is cancelled or refused. One diff, one decision at a time.
import type { EditCommand } from '../../../../shared/config-edits';
import { useConfigStore } from '../../stores/config-store';

export async function proposeInSequence(first: EditCommand, then?: EditCommand): Promise<void> {
  const store = useConfigStore.getState();
  await store.propose(first);
  if (!then) return;
  if (!useConfigStore.getState().pending) return; // the first could not be previewed: stop here
  const off = useConfigStore.subscribe((next, prev) => {
    if (!prev.pending || next.pending) return;
    off();
    // Pending cleared while applying = applied (a refused apply keeps the dialog open with its error).
    if (prev.pending.applying) setTimeout(() => void useConfigStore.getState().propose(then), 0);
  });
}
