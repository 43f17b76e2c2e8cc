import { useTranslation } from 'react-i18next';

export function RoutingScreen(): React.JSX.Element {
  const { t } = useTranslation();
  return <h1 className="screen-title">{t('nav.routing')}</h1>;
}
