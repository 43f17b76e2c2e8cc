import { useTranslation } from 'react-i18next';

export function ProvidersScreen(): React.JSX.Element {
  const { t } = useTranslation();
  return <h1 className="screen-title">{t('nav.providers')}</h1>;
}
