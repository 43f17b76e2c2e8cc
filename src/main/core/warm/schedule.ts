// "Keep warm 08:00–20:00 on weekdays", in local time. Pure functions of a wall-clock instant: whether
// it falls in a window and when that next changes, DST-safe (instants are computed from local dates,
// never by adding 24 h). A window whose end is not after its start runs overnight (22:00–06:00 starts
// on the listed day and ends the next morning).

export interface WarmWindow {
  /** 0 = Sunday … 6 = Saturday (the day the window starts). */
  days: number[];
  /** "HH:MM", 24 h. */
  start: string;
  end: string;
}

export interface WarmSchedule {
  windows: WarmWindow[];
  /** IANA zone ("Europe/Paris"); the machine's local zone when absent. */
  timeZone?: string;
}

export const WEEKDAYS = [1, 2, 3, 4, 5];

/** Accepts the settings shape (one window or null) or a full schedule. */
export function toSchedule(s: WarmSchedule | WarmWindow | WarmWindow[] | null | undefined, timeZone?: string): WarmSchedule | null {
  if (!s) return null;
  if (Array.isArray(s)) return s.length ? { windows: s, timeZone } : null;
  if ('windows' in s) return s.windows.length ? s : null;
  return { windows: [s], timeZone };
}

function minutesOf(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!m) throw new RangeError(`"${hhmm}" is not a time like 08:00`);
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min > 0)) throw new RangeError(`"${hhmm}" is not a time of day`);
  return h * 60 + min;
}

interface LocalParts {
  year: number;
  month: number; // 0-11
  day: number; // 1-31
  weekday: number; // 0-6
  minute: number; // 0-1439
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export function localParts(ms: number, timeZone?: string): LocalParts {
  if (!timeZone) {
    const d = new Date(ms);
    return { year: d.getFullYear(), month: d.getMonth(), day: d.getDate(), weekday: d.getDay(), minute: d.getHours() * 60 + d.getMinutes() };
  }
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month) - 1,
    day: Number(parts.day),
    weekday: WEEKDAY_INDEX[parts.weekday ?? 'Sun'] ?? 0,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** The instant of a local date and minute of day (minute may be 1440 = next midnight). */
function localInstant(year: number, month: number, day: number, minute: number, timeZone?: string): number {
  if (!timeZone) return new Date(year, month, day, 0, minute).getTime();
  const guess = Date.UTC(year, month, day, 0, minute);
  const offsetAt = (t: number) => {
    const p = localParts(t, timeZone);
    return Date.UTC(p.year, p.month, p.day, 0, p.minute) - Math.floor(t / 60_000) * 60_000;
  };
  let t = guess - offsetAt(guess);
  const again = guess - offsetAt(t);
  if (again !== t) t = again;
  return t;
}

/** True when `ms` falls inside one of the schedule's windows. */
export function inSchedule(ms: number, s: WarmSchedule): boolean {
  const p = localParts(ms, s.timeZone);
  const yesterday = (p.weekday + 6) % 7;
  for (const w of s.windows) {
    const a = minutesOf(w.start);
    const b = minutesOf(w.end);
    if (b > a) {
      if (w.days.includes(p.weekday) && p.minute >= a && p.minute < b) return true;
    } else {
      if (w.days.includes(p.weekday) && p.minute >= a) return true;
      if (w.days.includes(yesterday) && p.minute < b) return true;
    }
  }
  return false;
}

/** The first instant after `ms` at which inSchedule changes value; undefined when it never does (within 8 days). */
export function nextScheduleChange(ms: number, s: WarmSchedule): number | undefined {
  const now = inSchedule(ms, s);
  const p = localParts(ms, s.timeZone);
  const candidates: number[] = [];
  for (let d = -1; d <= 8; d++) {
    for (const w of s.windows) {
      for (const hhmm of [w.start, w.end]) {
        const t = localInstant(p.year, p.month, p.day + d, minutesOf(hhmm), s.timeZone);
        if (t > ms) candidates.push(t);
      }
    }
  }
  candidates.sort((a, b) => a - b);
  for (const c of candidates) if (inSchedule(c, s) !== now) return c;
  return undefined;
}

export interface ScheduleState {
  /** Keep warm now (inside a window, or within `leadMs` before one opens). */
  active: boolean;
  /** When `active` next changes (Infinity when never). */
  until: number;
}

/**
 * Whether to keep warm at `now`, counting `leadMs` before each window as part of it (so the model is
 * loaded when the window opens), and until when that holds.
 */
export function scheduleState(now: number, s: WarmSchedule | null | undefined, leadMs = 0): ScheduleState {
  if (!s) return { active: true, until: Infinity };
  if (inSchedule(now, s)) return { active: true, until: nextScheduleChange(now, s) ?? Infinity };
  if (leadMs > 0 && inSchedule(now + leadMs, s)) return { active: true, until: nextScheduleChange(now + leadMs, s) ?? Infinity };
  const opens = nextScheduleChange(now + leadMs, s);
  return { active: false, until: opens === undefined ? Infinity : Math.max(now + 1, opens - leadMs) };
}
