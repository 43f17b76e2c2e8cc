// config.*: the file as the UI sees it, and every change to it (preview first, then apply/undo/restore).
import type { ConfigView } from '../../../shared/contract';
import type { EditCommand } from '../../../shared/config-edits';
import { agentsView } from '../openclaw/agents';
import { isLocalRef, readProviders, readRouting } from '../openclaw/config-model';
import { getAt } from '../openclaw/json5-document';
import { lintConfig } from '../openclaw/lint';
import { configuredModels } from '../warm';
import type { RouteContext, Routes } from './routes';
import { backupView, maskKey, modelDetailsView, previewView, warningView } from './views';
import { restoredOrder } from '../openclaw/local-first-memory';
import { providerOptionsView } from '../openclaw/provider-options';

type ConfigNames = 'config.get' | 'config.backups' | 'config.preview' | 'config.previewUndo' | 'config.previewRestore' | 'config.apply' | 'config.undo' | 'config.restore';

/** Lint plus the monitor's context findings, one per code and path. */
async function configWarnings({ service }: RouteContext, doc: Parameters<typeof lintConfig>[0]): Promise<ConfigView['warnings']> {
  const seen = new Set<string>();
  return [...lintConfig(doc), ...service.monitor.contextMismatches(configuredModels(doc))]
    .filter((w) => {
      const key = `${w.code}\u0000${w.path ?? ''}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .map(warningView);
}

/** The aliases in `agents.defaults.models`, skipping entries of the wrong shape. */
function aliasesOf(doc: Parameters<typeof lintConfig>[0]): ConfigView['aliases'] {
  const aliasMap = getAt(doc, ['agents', 'defaults', 'models']);
  return Object.entries(aliasMap && typeof aliasMap === 'object' ? (aliasMap as Record<string, unknown>) : {}).flatMap(([ref, v]) =>
    v && typeof v === 'object' && typeof (v as { alias?: unknown }).alias === 'string' ? [{ ref, alias: (v as { alias: string }).alias }] : [],
  );
}

/** config.get: providers (keys masked), routing, aliases, warnings, access and OpenClaw's own issues. */
async function configView(ctx: RouteContext): Promise<ConfigView> {
  const { service, file } = ctx;
  const { exists, doc } = await file.read();
  const providers = readProviders(doc);
  const routing = readRouting(doc);
  const warnings = await configWarnings(ctx, doc);
  const memory = await file.localFirst.get(file.path);
  const located = service.config.located;
  // The file's mode and owner count too (chmod 444, another user's file), not only the env switches.
  const access = await file.access({ checkGateway: true });
  const view: ConfigView = {
    path: located.path,
    source: located.source,
    exists,
    readOnly: access.readOnly,
    routing: { fallbacks: routing.fallbacks, ...(routing.primary !== undefined && { primary: routing.primary }) },
    agents: agentsView(doc),
    localFirst: { on: isLocalRef(providers, routing.primary), remembered: memory !== null, ...(restoredOrder(memory) && { restores: restoredOrder(memory) }) },
    providers: providers.map((p) => ({
      id: p.id,
      ...(p.baseUrl !== undefined && { baseUrl: p.baseUrl }),
      ...(p.api !== undefined && { api: p.api }),
      local: isLocalRef(providers, `${p.id}/x`),
      apiKey: maskKey(p.raw.apiKey),
      options: providerOptionsView(p.raw),
      models: p.models.map((m) => ({
        id: m.id,
        ...(typeof m.raw.contextTokens === 'number' && { contextTokens: m.raw.contextTokens }),
        ...(typeof m.raw.name === 'string' && { name: m.raw.name }),
        ...(m.contextWindow !== undefined && { contextWindow: m.contextWindow }),
        ...(m.maxTokens !== undefined && { maxTokens: m.maxTokens }),
        ...modelDetailsView(m.raw),
      })),
    })),
    aliases: aliasesOf(doc),
    warnings,
    openclaw: service.config.validator ? { ran: true, issues: await file.currentIssues() } : { ran: false, issues: [] },
  };
  if (access.readOnly && access.reason !== undefined) {
    view.readOnlyReason = access.reason;
    if (access.reasonMsg) view.readOnlyReasonMsg = access.reasonMsg;
  }
  return view;
}

export function configRoutes(ctx: RouteContext): Routes<ConfigNames> {
  const { file, applied } = ctx;
  return {
    'config.get': () => configView(ctx),
    'config.backups': async () => (await file.backups.list()).map(backupView),
    'config.preview': async (cmd: EditCommand) => previewView(await file.preview(cmd)),
    'config.previewUndo': async () => previewView(await file.previewUndo()),
    'config.previewRestore': async ({ id }: { id: string }) => previewView(await file.previewRestore(id)),
    'config.apply': async (cmd: EditCommand) => applied(await file.apply(cmd)),
    'config.undo': async ({ backupId }: { backupId?: string }) => applied(await file.undo(backupId)),
    'config.restore': async ({ id }: { id: string }) => applied(await file.restore(id)),
  };
}
