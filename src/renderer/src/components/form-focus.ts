// After a failed submit: render the error messages first (so aria-invalid and aria-describedby are
// in place when focus lands), then move focus to the first invalid field.
import { flushSync } from 'react-dom';

export function focusFirstInvalid(render: () => void, ids: (string | false | null | undefined)[]): void {
  flushSync(render);
  for (const id of ids) {
    if (!id) continue;
    const el = document.getElementById(id);
    if (el) {
      el.focus();
      return;
    }
  }
}
