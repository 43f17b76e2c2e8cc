import { useTranslation } from 'react-i18next';

export function SettingsScreen(): React.JSX.Element {
  const { t } = useTranslation();
  return <h1 className="screen-title">{t('nav.settings')}</h1>;
}
