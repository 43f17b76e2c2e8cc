// Warmclaw's own settings, in cards. Every change is saved at once (no Save button) and confirmed.
import { useTranslation } from 'react-i18next';
import { Button } from '../components/Button';
import { useSettingsStore } from '../stores/settings-store';
import { DesktopSection, DiscoverySection, FailoverSection, LanguageSection, OpenclawSection, PollingSection, SettingsFooter, WarmSection } from './settings/sections';

export function SettingsScreen(): React.JSX.Element {
  const { t } = useTranslation('settings');
  const settings = useSettingsStore((s) => s.settings);
  const error = useSettingsStore((s) => s.error);
  const load = useSettingsStore((s) => s.load);

  return (
    <div className="st-screen">
      <h1 className="screen-title">{t('title')}</h1>
      <p className="screen-intro">{t('intro')}</p>
      {error && !settings && (
        <div className="banner" data-tone="bad" role="alert" data-testid="settings-error">
          <h2>{t('error')}</h2>
          <p className="st-banner-text">{error}</p>
          <Button size="sm" onClick={() => void load()}>
            {t('common:action.retry')}
          </Button>
        </div>
      )}
      {settings && (
        <div className="st-grid">
          <div className="st-col">
            <LanguageSection settings={settings} />
            <WarmSection settings={settings} />
            <FailoverSection settings={settings} />
          </div>
          <div className="st-col">
            <PollingSection settings={settings} />
            <DiscoverySection settings={settings} />
            <DesktopSection settings={settings} />
            <OpenclawSection settings={settings} />
          </div>
        </div>
      )}
      <SettingsFooter />
    </div>
  );
}
