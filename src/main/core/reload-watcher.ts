// Reload-on-change, shared by the headless daemon and the Electron shell: when openclaw.json or
// settings.json change on disk (an editor, OpenClaw, the other process), the service re-reads them.
import { realpathSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Logger } from './log/logger';

export type ChangedFile = 'config' | 'settings';

export interface ReloadTarget {
  /** Re-reads config and settings (WarmclawService.reload); `changed` says which file(s) moved. */
  reload(changed?: ChangedFile[]): Promise<void>;
}

export interface ReloadWatcherOptions {
  /** openclaw.json (service.config.located.path). */
  configPath: string;
  /** Warmclaw's data folder (settings.json lives there). */
  dataDir: string;
  logger: Logger;
  /** Quiet period before reloading: editors write a file in several steps (default 300 ms). */
  debounceMs?: number;
  /** Called after each successful reload (the tray rebuilds its menu). */
  onReloaded?: () => void;
}

/** Watches both files' folders and debounces a reload; returns the function that stops watching. */
export function watchForReload(target: ReloadTarget, opts: ReloadWatcherOptions): () => void {
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const changed = new Set<ChangedFile>();
  const reload = (what: ChangedFile) => {
    changed.add(what);
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (closed) return;
      const files = [...changed];
      changed.clear();
      target.reload(files).then(
        () => {
          opts.logger.info('reloaded config and settings');
          opts.onReloaded?.();
        },
        (err: unknown) => opts.logger.warn('reload failed', { error: (err as Error).message }),
      );
    }, opts.debounceMs ?? 300);
  };
  // Watch folders, not files: editors and OpenClaw replace the file (rename), which a file watch loses.
  const places: [string, string, ChangedFile][] = [
    [dirname(opts.configPath), basename(opts.configPath), 'config'],
    [opts.dataDir, 'settings.json', 'settings'],
  ];
  // A symlinked openclaw.json (dotfiles) changes in its target's folder: the writer renames there.
  const linked = realTarget(opts.configPath);
  if (linked && linked !== opts.configPath) places.push([dirname(linked), basename(linked), 'config']);
  for (const [dir, name, what] of places) {
    try {
      const w = watch(dir, (_e, f) => f === name && reload(what));
      // A folder deleted underneath must not crash the process.
      w.on('error', (err) => opts.logger.warn('stopped watching for changes', { dir, error: err.message }));
      watchers.push(w);
    } catch {
      opts.logger.warn('cannot watch for changes', { dir });
    }
  }
  return () => {
    closed = true;
    clearTimeout(timer);
    for (const w of watchers.splice(0)) w.close();
  };
}

function realTarget(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
