// How core results look through the contract: only the fields it promises, secrets masked.
import type { ApiOutput, ConfigView } from '../../../shared/contract';
import type { ConfigWarning } from '../../../shared/config-edits';
import type { BackupInfo } from '../openclaw/backups';
import type { ApplyResult } from '../openclaw/config-file';
import { maskSecret } from '../secrets';

/** `lm••••io` (the shared mask) for keys long enough that four characters reveal little; otherwise only that one is set. */
export function maskKey(raw: unknown): ConfigView['providers'][number]['apiKey'] {
  if (typeof raw !== 'string' || raw === '') return { state: 'not-set' };
  const env = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(raw.trim());
  if (env) return { state: 'env', hint: env[1] };
  return raw.length >= 16 ? { state: 'set', hint: maskSecret(raw) } : { state: 'set' };
}

export function previewView(r: ApplyResult): ApiOutput<'config.preview'> {
  return { changed: r.changed, summary: r.summary, ...(r.summaryMsg && { summaryMsg: r.summaryMsg }), diff: r.diff, warnings: r.warnings.map(warningView), ...(r.commentHints?.length && { commentHints: r.commentHints }), ...(r.backup && { backupId: r.backup.id }) };
}

export function applyView(r: ApplyResult): ApiOutput<'config.apply'> {
  const out: ApiOutput<'config.apply'> = { changed: r.changed, summary: r.summary, ...(r.summaryMsg && { summaryMsg: r.summaryMsg }), warnings: r.warnings.map(warningView), diff: r.diff, existingIssues: r.existingIssues, validated: r.validated };
  if (r.backup) out.backup = backupView(r.backup);
  if (r.gateway) out.gateway = r.gateway;
  return out;
}

/** A backup as History shows it (the local-first memory stays in the engine). */
export function backupView(b: BackupInfo): ApiOutput<'config.backups'>[number] {
  return { id: b.id, createdAt: b.createdAt, bytes: b.bytes, reason: b.reason, ...(b.reasonMsg && { reasonMsg: b.reasonMsg }), ...(b.origin && { origin: b.origin }) };
}

/** Only the ConfigWarning fields (context findings carry internal extras). */
export function warningView(w: ConfigWarning): ConfigWarning {
  const out: ConfigWarning = { code: w.code, severity: w.severity, message: w.message, ...(w.msg && { msg: w.msg }) };
  if (w.path !== undefined) out.path = w.path;
  if (w.fix) out.fix = w.fix;
  if (w.load) out.load = w.load;
  return out;
}

type ModelDetails = Pick<ConfigView['providers'][number]['models'][number], 'reasoning' | 'input' | 'cost'>;

/** The optional per-model fields the provider editor shows, only when they have the right type. */
export function modelDetailsView(raw: Record<string, unknown>): ModelDetails {
  const out: ModelDetails = {};
  if (typeof raw.reasoning === 'boolean') out.reasoning = raw.reasoning;
  if (Array.isArray(raw.input) && raw.input.every((k) => typeof k === 'string')) out.input = raw.input as string[];
  if (raw.cost && typeof raw.cost === 'object' && !Array.isArray(raw.cost)) {
    const cost: Record<string, number> = {};
    for (const k of ['input', 'output', 'cacheRead', 'cacheWrite'] as const) {
      const v = (raw.cost as Record<string, unknown>)[k];
      if (typeof v === 'number') cost[k] = v;
    }
    out.cost = cost;
  }
  return out;
}
