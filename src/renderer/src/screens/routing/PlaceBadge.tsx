import { useTranslation } from 'react-i18next';

/** "Local" / "Hosted": colour plus the word, so the meaning survives without colour. */
export function PlaceBadge({ local }: { local: boolean }): React.JSX.Element {
  const { t } = useTranslation('routing');
  return (
    <span className="badge rt-place" data-tone={local ? 'ok' : 'accent'} data-testid="place-badge" data-local={local}>
      {local ? t('badge.local') : t('badge.hosted')}
    </span>
  );
}
