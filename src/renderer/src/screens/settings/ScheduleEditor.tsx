// When to keep warm: all the time, or on chosen days between two times (e.g. weekdays 08:00–20:00).
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/settings';
import { safeLocale } from '../../i18n/locale';
import type { Saver } from './useSave';

type Schedule = NonNullable<Settings['warm']['schedule']>;

const DEFAULT_SCHEDULE: Schedule = { days: [1, 2, 3, 4, 5], start: '08:00', end: '20:00' };
/** Monday first; values are JavaScript's getDay() (0 = Sunday), as the schema stores them. */
const WEEK = [1, 2, 3, 4, 5, 6, 0] as const;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

function useDayNames(lng: string): { short: string; long: string }[] {
  return useMemo(() => {
    const short = new Intl.DateTimeFormat(safeLocale(lng), { weekday: 'short', timeZone: 'UTC' });
    const long = new Intl.DateTimeFormat(safeLocale(lng), { weekday: 'long', timeZone: 'UTC' });
    // 2023-01-01 was a Sunday: day d is 2023-01-(1+d).
    return [0, 1, 2, 3, 4, 5, 6].map((d) => {
      const date = new Date(Date.UTC(2023, 0, 1 + d));
      return { short: short.format(date), long: long.format(date) };
    });
  }, [lng]);
}

function TimeInput({ label, value, disabled, onCommit }: { label: string; value: string; disabled: boolean; onCommit(v: string): void }): React.JSX.Element {
  const id = useId();
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => {
    if (HHMM.test(draft) && draft !== value) onCommit(draft);
    else if (!HHMM.test(draft)) setDraft(value);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input st-time"
        type="time"
        value={draft}
        disabled={disabled}
        required
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), commit())}
      />
    </div>
  );
}

export function ScheduleEditor({ schedule, saver }: { schedule: Schedule | null; saver: Saver }): React.JSX.Element {
  const { t, i18n } = useTranslation('settings');
  const names = useDayNames(i18n.language);
  const name = useId();
  const [lastDayNote, setLastDayNote] = useState(false);
  const disabled = saver.busy('schedule');
  // The radios move at once; the saved value follows (and wins if the save fails).
  const [mode, setMode] = useState<'always' | 'some' | null>(null);
  const write = (next: Schedule | null) => void saver.save('schedule', { warm: { schedule: next } });
  const choose = (next: 'always' | 'some') => {
    setMode(next);
    void saver.save('schedule', { warm: { schedule: next === 'always' ? null : (schedule ?? DEFAULT_SCHEDULE) } }).finally(() => setMode(null));
  };
  const always = mode ? mode === 'always' : !schedule;

  const toggleDay = (d: number) => {
    if (!schedule) return;
    const on = schedule.days.includes(d);
    if (on && schedule.days.length === 1) return setLastDayNote(true);
    setLastDayNote(false);
    const days = on ? schedule.days.filter((x) => x !== d) : [...schedule.days, d].sort((a, b) => a - b);
    write({ ...schedule, days });
  };

  const overnight = schedule && schedule.end <= schedule.start;

  return (
    <fieldset className="st-fieldset" data-testid="schedule">
      <legend className="field-label">{t('warm.schedule.legend')}</legend>
      <div className="st-radios">
        <label className="st-radio">
          <input type="radio" name={name} checked={always} disabled={disabled} onChange={() => choose('always')} />
          {t('warm.schedule.always')}
        </label>
        <label className="st-radio">
          <input type="radio" name={name} checked={!always} disabled={disabled} onChange={() => choose('some')} />
          {t('warm.schedule.some')}
        </label>
      </div>
      {schedule && (
        <div className="st-schedule">
          <div className="st-days" role="group" aria-label={t('warm.schedule.days')}>
            {WEEK.map((d) => (
              <button
                key={d}
                type="button"
                className="st-day"
                aria-pressed={schedule.days.includes(d)}
                title={names[d]!.long}
                disabled={disabled}
                onClick={() => toggleDay(d)}
                data-day={d}
              >
                {names[d]!.short}
              </button>
            ))}
          </div>
          {lastDayNote && (
            <p className="field-error st-inline-note" role="alert">
              {t('warm.schedule.lastDay')}
            </p>
          )}
          <div className="st-times">
            <TimeInput label={t('warm.schedule.start')} value={schedule.start} disabled={disabled} onCommit={(start) => write({ ...schedule, start })} />
            <TimeInput label={t('warm.schedule.end')} value={schedule.end} disabled={disabled} onCommit={(end) => write({ ...schedule, end })} />
          </div>
          <p className="field-hint st-inline-note">{overnight ? t('warm.schedule.overnight') : t('warm.schedule.hint')}</p>
        </div>
      )}
    </fieldset>
  );
}
