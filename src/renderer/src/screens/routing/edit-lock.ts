// Why edits are disabled right now (a file that does not parse, or a read-only file), as one hook
// both config screens use. The reason becomes the disabled controls' tooltip.
import { useTranslation } from 'react-i18next';
import { useConfigStore } from '../../stores/config-store';
import { useSay } from '../../i18n/messages';

export interface EditLock {
  locked: boolean;
  /** Plain words for `title`; undefined when editing is allowed. */
  reason?: string;
}

export function useEditLock(ns: 'routing' | 'providers'): EditLock {
  const { t } = useTranslation(ns);
  const readOnly = useConfigStore((s) => s.view?.readOnly ?? false);
  const readOnlyReason = useConfigStore((s) => s.view?.readOnlyReason);
  const readOnlyReasonMsg = useConfigStore((s) => s.view?.readOnlyReasonMsg);
  const say = useSay();
  const loadError = useConfigStore((s) => s.loadError);
  if (loadError) return { locked: true, reason: t('locked.invalid') };
  if (readOnly) return { locked: true, reason: readOnlyReason !== undefined ? say(readOnlyReasonMsg, readOnlyReason) : t('locked.readOnly') };
  return { locked: false };
}
