// i18next with one namespace per screen (so each screen's strings live beside each other) in
// English and Vietnamese. Numbers, dates and durations go through Intl in the active language.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import enCommon from './locales/en/common.json';
import enDashboard from './locales/en/dashboard.json';
import enLogs from './locales/en/logs.json';
import enProviders from './locales/en/providers.json';
import enRouting from './locales/en/routing.json';
import enSettings from './locales/en/settings.json';
import viCommon from './locales/vi/common.json';
import viDashboard from './locales/vi/dashboard.json';
import viLogs from './locales/vi/logs.json';
import viProviders from './locales/vi/providers.json';
import viRouting from './locales/vi/routing.json';
import viSettings from './locales/vi/settings.json';

export const languages = ['en', 'vi'] as const;
export type Language = (typeof languages)[number];

export const resources = {
  en: { common: enCommon, dashboard: enDashboard, routing: enRouting, providers: enProviders, settings: enSettings, logs: enLogs },
  vi: { common: viCommon, dashboard: viDashboard, routing: viRouting, providers: viProviders, settings: viSettings, logs: viLogs },
} as const;

/** Before settings arrive: the browser's language if we have it. */
export function initialLanguage(): Language {
  const nav = (navigator.language || 'en').slice(0, 2).toLowerCase();
  return (languages as readonly string[]).includes(nav) ? (nav as Language) : 'en';
}

void i18next.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'en',
  defaultNS: 'common',
  ns: ['common', 'dashboard', 'routing', 'providers', 'settings', 'logs'],
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

export function setLanguage(lng: Language): void {
  if (i18next.language !== lng) void i18next.changeLanguage(lng);
  document.documentElement.lang = lng;
}

export default i18next;
