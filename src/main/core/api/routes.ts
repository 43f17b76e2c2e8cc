// What every route group of the contract handler gets, and the shape each group returns: a map from
// some contract names to their implementations. handler.ts joins the groups and checks that together
// they cover the whole contract.
import type { ApiName, ApiOutput } from '../../../shared/contract';
import type { ApplyResult, ConfigFile } from '../openclaw/config-file';
import type { WarmclawService } from '../service';

/** Implementations of the contract names `N` (inputs arrive zod-parsed). */
export type Routes<N extends ApiName> = { [K in N]: (input: never) => Promise<ApiOutput<K>> | ApiOutput<K> };

export interface RouteContext {
  service: WarmclawService;
  file: ConfigFile;
  /** Announces a change made through the API (the UI re-reads config.get / settings.get). */
  configChanged(what: 'config' | 'settings', summary?: string, summaryMsg?: ApplyResult['summaryMsg']): void;
  /** A write's result as the contract shows it, announced when it changed the file. */
  applied(r: ApplyResult): ApiOutput<'config.apply'>;
}
