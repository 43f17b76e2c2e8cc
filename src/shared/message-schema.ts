// The zod shape of a message (see messages.ts): a known code and exactly the parameters its template
// declares, each of the declared kind. The handler checks every output with it, so an engine message
// with a missing or misspelt parameter fails a test instead of reaching the UI as a blank.
import { z } from 'zod';
import { messageCatalog, messageCodes, type ParamKind, type WireMessage } from './messages';

const kindOk: Record<ParamKind, (v: unknown) => boolean> = {
  text: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  value: (v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)),
  date: (v) => typeof v === 'string',
  message: (v) => typeof v === 'string' || messageSchema.safeParse(v).success,
  list: (v) => Array.isArray(v) && v.every((x) => typeof x === 'string' || messageSchema.safeParse(x).success),
};

export const messageSchema: z.ZodType<WireMessage> = z
  .object({
    code: z.enum(messageCodes as [string, ...string[]]),
    params: z.record(z.string(), z.unknown()),
  })
  .superRefine((m, ctx) => {
    const declared: Record<string, ParamKind> = (messageCatalog as Record<string, { params: Record<string, ParamKind> }>)[m.code]?.params ?? {};
    for (const [name, kind] of Object.entries(declared)) {
      if (!kindOk[kind](m.params[name])) ctx.addIssue({ code: 'custom', path: ['params', name], message: `${m.code} needs ${name} (${kind})` });
    }
    for (const name of Object.keys(m.params)) {
      if (!(name in declared)) ctx.addIssue({ code: 'custom', path: ['params', name], message: `${m.code} has no parameter ${name}` });
    }
  });
