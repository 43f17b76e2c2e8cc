// The settings screen's cards. Each one saves its own patches immediately and says so.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/settings';
import { Switch } from '../../components/Switch';
import { useConfigStore } from '../../stores/config-store';
import { CommitField, SecondsField } from './fields';
import { ScheduleEditor } from './ScheduleEditor';
import { Section } from './Section';
import { useSave } from './useSave';

/** A switch with its explanation underneath, tied together for screen readers. */
function SwitchRow({ label, hint, checked, disabled, onChange, testId }: { label: string; hint?: React.ReactNode; checked: boolean; disabled?: boolean; onChange(v: boolean): void; testId?: string }): React.JSX.Element {
  const id = useId();
  return (
    <div className="st-switch-row">
      <Switch label={label} checked={checked} disabled={disabled} onChange={onChange} describedBy={hint ? id : undefined} testId={testId} />
      {hint && (
        <p id={id} className="field-hint st-switch-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

export function LanguageSection({ settings }: { settings: Settings }): React.JSX.Element {
  const { t } = useTranslation('settings');
  const saver = useSave();
  const id = useId();
  return (
    <Section id="st-language" title={t('language.title')} state={saver.state} testId="settings-language">
      <div className="field st-narrow">
        <label htmlFor={id}>{t('language.label')}</label>
        <select id={id} className="select" value={settings.language} disabled={saver.busy('language')} onChange={(e) => void saver.save('language', { language: e.target.value as Settings['language'] })}>
          <option value="en" lang="en">
            {t('language.en')}
          </option>
          <option value="vi" lang="vi">
            {t('language.vi')}
          </option>
        </select>
      </div>
    </Section>
  );
}

export function PollingSection({ settings }: { settings: Settings }): React.JSX.Element {
  const { t } = useTranslation('settings');
  const saver = useSave();
  return (
    <Section id="st-poll" title={t('poll.title')} intro={t('poll.intro')} state={saver.state} testId="settings-poll">
      <div className="st-fields">
        <SecondsField
          label={t('poll.fast')}
          hint={t('poll.fastHint')}
          seconds={settings.poll.fastMs / 1000}
          min={0.25}
          max={60}
          step={0.25}
          disabled={saver.busy('poll.fastMs')}
          commit={(s) => saver.save('poll.fastMs', { poll: { fastMs: Math.round(s * 1000) } })}
          testId="poll-fast"
        />
        <SecondsField
          label={t('poll.slow')}
          hint={t('poll.slowHint')}
          seconds={settings.poll.slowMs / 1000}
          min={1}
          max={600}
          step={1}
          disabled={saver.busy('poll.slowMs')}
          commit={(s) => saver.save('poll.slowMs', { poll: { slowMs: Math.round(s * 1000) } })}
          testId="poll-slow"
        />
      </div>
    </Section>
  );
}

export function WarmSection({ settings }: { settings: Settings }): React.JSX.Element {
  const { t } = useTranslation('settings');
  const saver = useSave();
  const w = settings.warm;
  return (
    <Section id="st-warm" title={t('warm.title')} intro={t('warm.intro')} state={saver.state} testId="settings-warm">
      <div className="st-switches">
        <SwitchRow label={t('warm.enabled')} hint={t('warm.enabledHint')} checked={w.enabled} disabled={saver.busy('warm.enabled')} onChange={(enabled) => void saver.save('warm.enabled', { warm: { enabled } })} testId="warm-enabled" />
        <SwitchRow label={t('warm.paused')} hint={t('warm.pausedHint')} checked={w.paused} disabled={saver.busy('warm.paused')} onChange={(paused) => void saver.save('warm.paused', { warm: { paused } })} testId="warm-paused" />
        <SwitchRow
          label={t('warm.completionPings')}
          hint={t('warm.completionPingsHint')}
          checked={w.allowCompletionPings}
          disabled={saver.busy('warm.allowCompletionPings')}
          onChange={(allowCompletionPings) => void saver.save('warm.allowCompletionPings', { warm: { allowCompletionPings } })}
          testId="warm-completion-pings"
        />
      </div>
      <div className="st-fields">
        <CommitField<string>
          label={t('warm.keepAlive')}
          hint={t('warm.keepAliveHint')}
          value={w.keepAlive}
          disabled={saver.busy('warm.keepAlive')}
          className="st-short"
          inputProps={{ type: 'text', inputMode: 'text', autoComplete: 'off', spellCheck: false, placeholder: '30m', className: 'mono' }}
          parse={(text) => {
            const v = text.trim().toLowerCase();
            return /^\d+[smh]$/.test(v) && !/^0+[smh]$/.test(v) ? { ok: true, value: v } : { ok: false, error: t('validation.keepAlive') };
          }}
          commit={(keepAlive) => saver.save('warm.keepAlive', { warm: { keepAlive } })}
          testId="warm-keep-alive"
        />
        <CommitField<number | null>
          label={t('warm.idleUnload')}
          hint={t('warm.idleUnloadHint')}
          value={w.idleUnloadMin === null ? '' : String(w.idleUnloadMin)}
          disabled={saver.busy('warm.idleUnloadMin')}
          className="st-short"
          inputProps={{ type: 'text', inputMode: 'numeric', autoComplete: 'off', placeholder: t('warm.idleUnloadOff') }}
          parse={(text) => {
            const v = text.trim();
            if (v === '') return { ok: true, value: null };
            const n = Number(v);
            return Number.isInteger(n) && n >= 1 && n <= 1440 ? { ok: true, value: n } : { ok: false, error: t('validation.range', { min: 1, max: 1440 }) };
          }}
          commit={(idleUnloadMin) => saver.save('warm.idleUnloadMin', { warm: { idleUnloadMin } })}
          testId="warm-idle-unload"
        />
      </div>
      <ScheduleEditor schedule={w.schedule} saver={saver} />
    </Section>
  );
}

export function FailoverSection({ settings }: { settings: Settings }): React.JSX.Element {
  const { t } = useTranslation('settings');
  const saver = useSave();
  const f = settings.failover;
  return (
    <Section id="st-failover" title={t('failover.title')} state={saver.state} testId="settings-failover">
      <SwitchRow
        label={t('failover.enabled')}
        hint={t('failover.explain', { down: f.downForSec, stable: f.stableForSec })}
        checked={f.enabled}
        disabled={saver.busy('failover.enabled')}
        onChange={(enabled) => void saver.save('failover.enabled', { failover: { enabled } })}
        testId="failover-enabled"
      />
      <div className="st-fields">
        <SecondsField
          label={t('failover.downFor')}
          hint={t('failover.downForHint')}
          seconds={f.downForSec}
          min={5}
          integer
          disabled={saver.busy('failover.downForSec')}
          commit={(downForSec) => saver.save('failover.downForSec', { failover: { downForSec } })}
          testId="failover-down-for"
        />
        <SecondsField
          label={t('failover.stableFor')}
          hint={t('failover.stableForHint')}
          seconds={f.stableForSec}
          min={5}
          integer
          disabled={saver.busy('failover.stableForSec')}
          commit={(stableForSec) => saver.save('failover.stableForSec', { failover: { stableForSec } })}
          testId="failover-stable-for"
        />
      </div>
    </Section>
  );
}

/** "1234, 11434 8000" → [1234, 11434, 8000], or the first bad entry. */
export function parsePorts(text: string): { ok: true; value: number[] } | { ok: false; bad: string | null } {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) return { ok: false, bad: null };
  const ports: number[] = [];
  for (const p of parts) {
    const n = Number(p);
    if (!/^\d+$/.test(p) || n < 1 || n > 65535) return { ok: false, bad: p };
    if (!ports.includes(n)) ports.push(n);
  }
  return { ok: true, value: ports };
}

export function DiscoverySection({ settings }: { settings: Settings }): React.JSX.Element {
  const { t } = useTranslation('settings');
  const saver = useSave();
  return (
    <Section id="st-scan" title={t('scan.title')} state={saver.state} testId="settings-scan">
      <SwitchRow label={t('scan.enabled')} hint={t('scan.enabledHint')} checked={settings.scan.enabled} disabled={saver.busy('scan.enabled')} onChange={(enabled) => void saver.save('scan.enabled', { scan: { enabled } })} testId="scan-enabled" />
      <div className="st-fields">
        <CommitField<number[]>
          label={t('scan.ports')}
          hint={t('scan.portsHint')}
          value={settings.scan.ports.join(', ')}
          disabled={saver.busy('scan.ports')}
          className="st-wide"
          inputProps={{ type: 'text', inputMode: 'numeric', autoComplete: 'off', spellCheck: false, className: 'mono' }}
          parse={(text) => {
            const r = parsePorts(text);
            if (r.ok) return r;
            return { ok: false, error: r.bad === null ? t('validation.portsEmpty') : t('validation.port', { port: r.bad }) };
          }}
          commit={(ports) => saver.save('scan.ports', { scan: { ports } })}
          testId="scan-ports"
        />
      </div>
    </Section>
  );
}

export function DesktopSection({ settings }: { settings: Settings }): React.JSX.Element {
  const { t } = useTranslation('settings');
  const saver = useSave();
  const inBrowser = !window.warmclaw?.api;
  return (
    <Section id="st-desktop" title={t('desktop.title')} intro={inBrowser ? t('desktop.browserNote') : undefined} state={saver.state} testId="settings-desktop">
      <div className="st-switches">
        <SwitchRow
          label={t('desktop.notifications')}
          hint={t('desktop.notificationsHint')}
          checked={settings.notifications}
          disabled={saver.busy('notifications')}
          onChange={(notifications) => void saver.save('notifications', { notifications })}
          testId="notifications"
        />
        <SwitchRow
          label={t('desktop.launchAtLogin')}
          hint={t('desktop.launchAtLoginHint')}
          checked={settings.launchAtLogin}
          disabled={saver.busy('launchAtLogin')}
          onChange={(launchAtLogin) => void saver.save('launchAtLogin', { launchAtLogin })}
          testId="launch-at-login"
        />
      </div>
    </Section>
  );
}

export function OpenclawSection({ settings }: { settings: Settings }): React.JSX.Element {
  const { t } = useTranslation('settings');
  const saver = useSave();
  return (
    <Section id="st-openclaw" title={t('openclaw.title')} state={saver.state} testId="settings-openclaw">
      <div className="st-fields">
        <CommitField<string>
          label={t('openclaw.bin')}
          hint={t('openclaw.binHint')}
          value={settings.openclawBin ?? ''}
          disabled={saver.busy('openclawBin')}
          className="st-wide"
          inputProps={{ type: 'text', autoComplete: 'off', spellCheck: false, placeholder: t('openclaw.binPlaceholder'), className: 'mono' }}
          parse={(text) => ({ ok: true, value: text.trim() })}
          commit={(openclawBin) => saver.save('openclawBin', { openclawBin })}
          testId="openclaw-bin"
        />
      </div>
    </Section>
  );
}

export function SettingsFooter(): React.JSX.Element {
  const { t } = useTranslation('settings');
  const path = useConfigStore((s) => s.view?.path);
  return (
    <footer className="st-footer muted small" data-testid="settings-footer">
      <p>
        {t('footer.config')} {path ? <code className="st-path">{path}</code> : <span>{t('footer.noConfig')}</span>}
      </p>
      <p>{t('footer.data')}</p>
    </footer>
  );
}
