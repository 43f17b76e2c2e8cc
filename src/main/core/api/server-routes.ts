// status, monitor.refresh, warm.now, model.unload, model.test: the local servers and their models.
import type { Settings } from '../../../shared/settings';
import { testConfiguredModel } from '../model-test/configured-model-test';
import { configuredModels } from '../warm';
import type { RouteContext, Routes } from './routes';
import { traySummary } from './tray-summary';
import { errorSaid } from '../errors';
import type { WireMessage } from '../../../shared/messages';

export function serverRoutes({ service, file }: RouteContext): Routes<'status' | 'monitor.refresh' | 'warm.now' | 'model.unload' | 'model.test'> {
  return {
    status: async () => {
      const endpoints = service.statuses();
      let problem: string | WireMessage | undefined;
      let settings: Settings | undefined;
      try {
        settings = service.settings.get();
      } catch (err) {
        problem = errorSaid(err);
      }
      let blocked: string[] = [];
      try {
        const { doc } = await file.read();
        const blocking = service.monitor.contextMismatches(configuredModels(doc)).filter((m) => m.blocks);
        blocked = blocking.map((m) => m.ref);
        if (blocking.length) problem ??= blocking.length === 1 && blocking[0]!.msg ? blocking[0]!.msg : blocking.map((m) => m.message).join(' ');
      } catch (err) {
        problem ??= errorSaid(err);
      }
      let keepWarm: string[] | undefined;
      try {
        keepWarm = service.keepWarmRefsNow();
      } catch {
        keepWarm = undefined; // settings unreadable: already the summary's problem
      }
      const modelCalls = service.modelCalls();
      return {
        endpoints,
        failover: service.failover.status(),
        summary: traySummary(endpoints, settings, problem),
        ...(keepWarm && { keepWarm }),
        ...(blocked.length && { blocked }),
        ...(modelCalls.length && { modelCalls }),
      };
    },
    'monitor.refresh': async () => {
      await service.refresh();
      return service.statuses();
    },
    'warm.now': async ({ ref }: { ref: string }) => {
      const { contextLength: _ctx, ...r } = await service.warmRef(ref);
      return r;
    },
    'model.unload': ({ ref }: { ref: string }) => service.unloadRef(ref),
    'model.test': async ({ ref }: { ref: string }) => testConfiguredModel((await file.read()).doc, ref, service.env),
  };
}
