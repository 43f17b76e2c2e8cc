import { useTranslation } from 'react-i18next';

export function DashboardScreen(): React.JSX.Element {
  const { t } = useTranslation();
  return <h1 className="screen-title">{t('nav.dashboard')}</h1>;
}
