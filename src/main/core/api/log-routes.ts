// log.recent: the newest lines of this process's own log file, for the app's log view.
import type { LogQuery } from '../../../shared/contract';
import { readRecentLog } from '../log/log-reader';
import type { RouteContext, Routes } from './routes';

export function logRoutes({ service }: RouteContext): Routes<'log.recent'> {
  return {
    'log.recent': (q: LogQuery) => readRecentLog(service.logFile, q),
  };
}
