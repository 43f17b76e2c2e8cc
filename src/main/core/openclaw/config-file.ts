// One openclaw.json as Warmclaw sees it: read with precise errors, preview an edit as a diff, apply
// it through the safe writer (mutex, OpenClaw validation, backup, atomic swap, conflict re-apply,
// gateway confirmation), undo and restore. This is the only module that writes the user's config.
import { readlink, stat } from 'node:fs/promises';
import { commentsNearChanges, type CommentHint } from './comment-hints';
import JSON5 from 'json5';
import type { ConfigWarning, EditCommand } from '../../../shared/config-edits';
import { WarmclawError } from '../errors';
import { english, msg, type Message, type WireMessage } from '../../../shared/messages';
import { DanglingSymlinkError, removeTempCopies, writeFileAtomic } from '../fs-atomic';
import { BackupStore, type BackupInfo, type WriteOrigin } from './backups';
import { invalidUtf8At, notUtf8Error, readConfigBytes } from './config-bytes';
import { runEdit, type EditResult, type LocalFirstMemory } from './edits';
import { removeStaleLockDebris, withFileLock } from './file-lock';
import { Json5SyntaxError, getAt, parseDocument, type Json5Document } from './json5-document';
import { addedWarnings } from './lint';
import { LocalFirstStore } from './local-first-memory';
import { maskedUnifiedDiff, maskSecrets } from './masked-diff';
import type { LocatedConfig } from './locate';
import { addedRefs, declaredRefs } from './model-refs';
import { unknownRefWarning } from './openclaw-model-catalog';

export interface ValidationIssue {
  path: string;
  message: string;
}

/**
 * OpenClaw's own validator, when there is one: its JSON schema in process (fast), or its CLI. See
 * docs/decisions/0005-in-process-validation.md.
 */
export interface ConfigValidator {
  /** Which validator `validate` is (reported in ApplyResult.validatedBy). */
  kind?: 'schema' | 'openclaw-cli';
  /** Validates candidate text; resolves with OpenClaw's issues (empty = valid). */
  validate(text: string): Promise<ValidationIssue[]>;
  /** Issues in `after` that `before` did not have. */
  newIssues(before: ValidationIssue[], after: ValidationIssue[]): ValidationIssue[];
  /**
   * The authority's word when `validate` blames an edit: the issues the edit adds according to
   * OpenClaw's CLI (the schema is stricter than OpenClaw on legacy shapes it migrates before checking).
   */
  confirm?(beforeText: string, afterText: string): Promise<ValidationIssue[]>;
  /**
   * The checks the schema cannot make (OpenClaw's rules outside it), run after a write without
   * blocking it: the issues the write added according to OpenClaw's CLI.
   */
  background?(beforeText: string, afterText: string): Promise<ValidationIssue[]>;
  /**
   * The refs among `refs` that OpenClaw's model catalog lacks in the config `text` (its `config set`
   * would call them "Unknown model"), with OpenClaw's reason. Slow (a CLI run): after a write only.
   */
  unknownRefs?(text: string, refs: string[]): Promise<{ ref: string; reason: string }[]>;
}

/** Outcome of the background check of one write. */
export interface BackgroundCheck {
  path: string;
  summary: string;
  status: 'ok' | 'new-issues' | 'failed';
  /** Issues OpenClaw's CLI reports that the write added (status new-issues). */
  issues: ValidationIssue[];
  /** Refs the write added that OpenClaw's model catalog lacks (never a refusal: the write stands). */
  warnings: ConfigWarning[];
  message: string;
}

/** What a running gateway says about the file it watches (see gateway.ts for the real fields). */
export interface GatewayView {
  /** Per-gateway keyed revision of the file's bytes: comparable, not computable here. */
  hash?: string;
  /** The gateway runs the file's current config. */
  applied: boolean;
  valid: boolean;
  issues: ValidationIssue[];
  /** The file text as the gateway read it (secrets masked); absent while the file is invalid. */
  raw?: string;
}

/** A running OpenClaw gateway that watches this file. */
export interface GatewayLink {
  isUp(): Promise<boolean>;
  getConfig(): Promise<GatewayView>;
  /** True when the gateway's masked `raw` is exactly `text` (secrets aside). */
  rawMatches(raw: string | undefined, text: string): boolean;
  /** Replaces the whole config through the gateway (the file itself was not writable). Rejects with `conflict` on a stale hash. */
  apply(raw: string, baseHash: string): Promise<void>;
}

export interface GatewayOutcome {
  /** applied: the gateway reloaded it; rejected: it refused it (issues say why); unconfirmed: no answer in time. */
  status: 'applied' | 'rejected' | 'unconfirmed' | 'written-through-gateway';
  issues?: ValidationIssue[];
  message: string;
}

export interface ApplyResult {
  changed: boolean;
  summary: string;
  /** `summary` as a code the UI translates. */
  summaryMsg?: Message;
  warnings: ConfigWarning[];
  /** Unified diff for people: secrets masked (see masked-diff.ts); the file gets the real values. */
  diff: string;
  /** Hand-written comments beside the changed lines (they may no longer describe the new value). */
  commentHints?: CommentHint[];
  backup?: BackupInfo;
  gateway?: GatewayOutcome;
  /** OpenClaw issues the file already had (shown, never blamed on this edit). */
  existingIssues: ValidationIssue[];
  validated: boolean;
  /** What validated the write: OpenClaw's schema in process, or its CLI. */
  validatedBy?: 'schema' | 'openclaw-cli';
  /** True when OpenClaw's CLI is checking the written file in the background (see ConfigFile.onBackgroundCheck). */
  backgroundCheck?: boolean;
}

export interface ConfigFileOptions {
  located: LocatedConfig;
  dataDir: string;
  validator?: ConfigValidator | null;
  gateway?: GatewayLink | null;
  /** How long to wait for the gateway to report the reload (ms). */
  gatewayConfirmMs?: number;
  /** Told the outcome of each background check (log it, show it). */
  onBackgroundCheck?: (check: BackgroundCheck) => void;
}

/** Whether Warmclaw may change the file, and how (see ConfigFile.access). */
export interface WriteAccess {
  /** No way to change it: read-only mode, a file nobody may write, or another user's file and no gateway. */
  readOnly: boolean;
  /** Warmclaw may replace the file itself (atomic rename). */
  direct: boolean;
  /** Another user's file: only a running gateway (theirs) may change it. */
  gatewayOnly?: boolean;
  /** Why not (directly, or at all), in words for `config path` and the UI. */
  reason?: string;
  /** reason as a code the UI translates. */
  reasonMsg?: Message;
}

export interface ReadResult {
  exists: boolean;
  text: string;
  doc: Json5Document;
  /** Where the first byte that is not UTF-8 is (`text` has U+FFFD there); such a file is read, never edited. */
  notUtf8?: NotUtf8;
}

type NotUtf8 = NonNullable<ReturnType<typeof invalidUtf8At>>;

const EMPTY_CONFIG = '{}\n';

/** What a backup's write did, for "Undo: …": its message, its English words, or `fallback`. */
function changeOf(b: BackupInfo, fallback: Message): string | WireMessage {
  return b.reasonMsg ?? (b.reason || fallback);
}

/** `{ summary, summaryMsg }` from words or a message. */
function summaryOf(m: string | Message): { summary: string; summaryMsg?: Message } {
  return typeof m === 'string' ? { summary: m } : { summary: english(m), summaryMsg: m };
}

/** Parses text and turns a syntax error into a readable, located `invalid-file` error. */
export function parseConfigText(text: string, file: string): Json5Document {
  try {
    return parseDocument(text);
  } catch (err) {
    if (err instanceof Json5SyntaxError) {
      throw new WarmclawError('invalid-file', msg('error.syntax', { file, line: err.line, column: err.column, detail: err.message }), { line: err.line, column: err.column, file });
    }
    throw err;
  }
}

/** Refuses results that break OpenClaw's anti-clobber expectations (see DESIGN §3). */
function assertInvariants(before: Json5Document, afterText: string, file: string): void {
  let parsed: unknown;
  try {
    parsed = JSON5.parse(afterText);
  } catch (err) {
    throw new WarmclawError('io', `Internal error: the edited ${file} would not parse (${(err as Error).message}). Nothing was written; please report this.`);
  }
  const after = parsed as Record<string, unknown>;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (!same(getAt(before, ['meta']), after.meta)) throw new WarmclawError('io', 'Internal error: an edit touched `meta`. Nothing was written; please report this.');
  const mode = (after.gateway as Record<string, unknown> | undefined)?.mode;
  if (!same(getAt(before, ['gateway', 'mode']), mode)) throw new WarmclawError('io', 'Internal error: an edit touched `gateway.mode`. Nothing was written; please report this.');
}

/**
 * An edit's result with the lint warnings it adds (not those the file already had). The edit's own
 * warning of a code says it better (it knows the input), so lint's of the same code is left out.
 */
function runEditWithLint(doc: Json5Document, cmd: EditCommand, memory: LocalFirstMemory | null): EditResult {
  const result = runEdit(doc, cmd, { localFirst: memory });
  if (result.text === doc.text) return result;
  let after: Json5Document;
  try {
    after = parseDocument(result.text);
  } catch {
    return result; // assertInvariants reports it
  }
  const own = new Set(result.warnings.map((w) => w.code));
  return { ...result, warnings: [...result.warnings, ...addedWarnings(doc, after).filter((w) => !own.has(w.code))] };
}

/** Refs a write added that only OpenClaw's catalog can vouch for (the file's own listed models need no asking). */
function refsToAsk(before: Json5Document, afterText: string): string[] {
  try {
    const after = parseDocument(afterText);
    const listed = new Set(declaredRefs(after));
    return addedRefs(before, after).filter((r) => !listed.has(r));
  } catch {
    return [];
  }
}

class FileChangedUnderneath extends Error {}
/** The file is another user's: we must not replace it ourselves. */
class NotOurs extends Error {
  constructor(readonly msg: Message) {
    super(english(msg));
  }
}

export class ConfigFile {
  readonly path: string;
  readonly backups: BackupStore;
  readonly localFirst: LocalFirstStore;
  private readonly validatorCache = new Map<string, Promise<ValidationIssue[]>>();
  /** The latest background check (tests, the CLI and benchmarks can await it). */
  lastBackgroundCheck: Promise<BackgroundCheck> | undefined;

  constructor(private readonly opts: ConfigFileOptions) {
    this.path = opts.located.path;
    this.backups = new BackupStore(opts.dataDir, this.path);
    this.localFirst = new LocalFirstStore(opts.dataDir);
  }

  get readOnly(): boolean {
    return this.opts.located.readOnly;
  }

  /**
   * What the file's owner meant, read from its mode bits and owner (not access(2): root may write
   * anything, and a rename in a writable folder replaces files we may not write). A file nobody may
   * write (chmod 444) is read-only. Another user's file would become ours if we replaced it, so only
   * its owner's running gateway may change it. A missing file may be created.
   */
  async access(opts: { checkGateway?: boolean } = {}): Promise<WriteAccess> {
    if (this.opts.located.readOnly) return { readOnly: true, direct: false, reason: this.opts.located.readOnlyReason, reasonMsg: this.opts.located.readOnlyReasonMsg };
    const st = await stat(this.path).catch(() => undefined);
    if (!st) return { readOnly: false, direct: true };
    const mode = (st.mode & 0o777).toString(8).padStart(4, '0');
    if ((st.mode & 0o222) === 0) {
      const why = msg('readonly.mode', { mode, path: this.path });
      return { readOnly: true, direct: false, reason: english(why), reasonMsg: why };
    }
    const uid = process.getuid?.();
    if (uid !== undefined && st.uid !== uid) {
      const gatewayUp = opts.checkGateway && this.opts.gateway ? await this.opts.gateway.isUp().catch(() => false) : false;
      const why = msg('readonly.other-user', { uid: st.uid });
      return { readOnly: !gatewayUp, direct: false, gatewayOnly: true, reason: english(why), reasonMsg: why };
    }
    return { readOnly: false, direct: true };
  }

  /** The file's text (size-limited before reading); `notUtf8` says where a byte decoding could not keep is. */
  private async readText(): Promise<{ exists: boolean; text: string; notUtf8?: NotUtf8 }> {
    let bytes: Buffer;
    try {
      bytes = await readConfigBytes(this.path);
    } catch (err) {
      if (err instanceof WarmclawError) throw err;
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        await this.refuseDanglingLink();
        return { exists: false, text: EMPTY_CONFIG };
      }
      throw new WarmclawError('io', msg('error.cannot-read', { path: this.path, detail: (err as Error).message }));
    }
    const notUtf8 = invalidUtf8At(bytes);
    return { exists: true, text: bytes.toString('utf8'), ...(notUtf8 && { notUtf8 }) };
  }

  /** A symlink to nothing is not "no config yet": writing would replace the link the user made with a new file. */
  private async refuseDanglingLink(): Promise<void> {
    const target = await readlink(this.path).catch(() => undefined);
    if (target === undefined) return;
    throw new WarmclawError('invalid-file', msg('error.dangling-link-to', { path: this.path, target }), { file: this.path });
  }

  /**
   * Clears what killed writes leave behind: temp copies next to the file, pending or metadata-less
   * backups, stale lock files. Runs under the file lock (so never beside a running write); when
   * another live process holds it, there is nothing to clean now. Best effort: never throws.
   */
  async cleanUpDebris(): Promise<void> {
    try {
      await withFileLock(
        this.path,
        this.opts.dataDir,
        async () => {
          await removeTempCopies(this.path);
          const current = (await readConfigBytes(this.path).catch(() => undefined))?.toString('utf8');
          await this.backups.cleanUp(current);
        },
        1000,
      );
      await removeStaleLockDebris(this.opts.dataDir);
    } catch {
      /* a live writer holds the lock, or the data folder is not writable: nothing to clean now */
    }
  }

  /** Reads and parses the file (a missing file reads as an empty config, without creating it). */
  async read(): Promise<ReadResult> {
    const { exists, text, notUtf8 } = await this.readText();
    return { exists, text, doc: parseConfigText(text, this.path), ...(notUtf8 && { notUtf8 }) };
  }

  /**
   * `read` for a change: a file with bytes that are not UTF-8 is refused (its text holds U+FFFD where
   * they were, so writing it, or backing it up, would lose them), naming where the first one is.
   */
  private async readForEdit(): Promise<ReadResult> {
    const r = await this.read();
    if (r.notUtf8) throw notUtf8Error(this.path, r.notUtf8);
    return r;
  }

  private validate(text: string): Promise<ValidationIssue[]> {
    const v = this.opts.validator;
    if (!v) return Promise.resolve([]);
    let p = this.validatorCache.get(text);
    if (!p) {
      p = v.validate(text);
      this.validatorCache.set(text, p);
      if (this.validatorCache.size > 8) this.validatorCache.delete(this.validatorCache.keys().next().value as string);
      p.catch(() => this.validatorCache.delete(text));
    }
    return p;
  }

  /** OpenClaw's view of the current file (empty when no validator is installed). */
  async currentIssues(): Promise<ValidationIssue[]> {
    return this.validate((await this.readText()).text);
  }

  /** Runs an edit without writing: the diff a user would approve. */
  async preview(cmd: EditCommand): Promise<ApplyResult> {
    const base = await this.readForEdit();
    const memory = await this.localFirst.get(this.path);
    const result = runEditWithLint(base.doc, cmd, memory);
    assertInvariants(base.doc, result.text, this.path);
    return { changed: result.text !== base.text, summary: result.summary, summaryMsg: result.summaryMsg, warnings: result.warnings, diff: maskedUnifiedDiff(this.path, base.doc, result.text), commentHints: commentsNearChanges(base.text, result.text).map((h) => ({ ...h, comment: maskSecrets(h.comment, [base.doc, result.text]) })), existingIssues: [], validated: false };
  }

  /** Applies an edit command through the safe writer; `origin` marks a write Warmclaw made on its own (History shows who and why). */
  async apply(cmd: EditCommand, origin?: WriteOrigin): Promise<ApplyResult> {
    return this.write((doc, memory) => runEditWithLint(doc, cmd, memory), { backup: true, origin });
  }

  /** Puts back the version before Warmclaw's last write, and forgets that backup. */
  async undo(expectedBackupId?: string): Promise<ApplyResult> {
    const [latest] = await this.backups.list();
    if (!latest) throw new WarmclawError('not-found', msg('error.nothing-to-undo', { path: this.path }));
    // The user confirmed the diff of one particular undo; another write since then changed what undo means.
    if (expectedBackupId !== undefined && latest.id !== expectedBackupId) {
      throw new WarmclawError('conflict', msg('error.undo-changed', { path: this.path, change: changeOf(latest, msg('error.another-change')) }));
    }
    return this.restoreBackup(latest.id, { pop: true });
  }

  /** Restores any backup (the current version is backed up first, so a restore can be undone). */
  async restore(id: string): Promise<ApplyResult> {
    return this.restoreBackup(id, { pop: false });
  }

  /** What `undo` would put back, as a diff from the current file (writes nothing). */
  async previewUndo(): Promise<ApplyResult> {
    const [latest] = await this.backups.list();
    if (!latest) throw new WarmclawError('not-found', msg('error.nothing-to-undo', { path: this.path }));
    return { ...(await this.previewBackup(latest.id, msg('edit.undo', { change: changeOf(latest, msg('edit.last-change')) }))), backup: latest };
  }

  /** What `restore(id)` would write, as a diff from the current file (writes nothing). */
  async previewRestore(id: string): Promise<ApplyResult> {
    const meta = (await this.backups.list()).find((b) => b.id === id);
    return this.previewBackup(id, meta ? msg('edit.restore', { at: meta.createdAt }) : `Restore the backup from ${id}`);
  }

  private async previewBackup(id: string, summary: string | Message): Promise<ApplyResult> {
    const text = await this.readBackup(id);
    const base = await this.readForEdit();
    return { changed: text !== base.text, ...summaryOf(summary), warnings: [], diff: maskedUnifiedDiff(this.path, base.doc, text), existingIssues: [], validated: false };
  }

  private readBackup(id: string): Promise<string> {
    return this.backups.read(id).catch(() => {
      throw new WarmclawError('not-found', msg('error.no-backup', { id }));
    });
  }

  private async restoreBackup(id: string, { pop }: { pop: boolean }): Promise<ApplyResult> {
    const text = await this.readBackup(id);
    const meta = (await this.backups.list()).find((b) => b.id === id);
    const memory = meta?.localFirstBefore;
    const result = await this.write(
      () => ({
        text,
        ...summaryOf(pop ? msg('edit.undid', { change: meta ? changeOf(meta, msg('edit.last-change')) : msg('edit.last-change') }) : meta ? msg('edit.restored', { at: meta.createdAt }) : `Restored the backup from ${id}`),
        warnings: [],
        localFirst: memory ?? null,
      }),
      // A restored version was the user's own file: do not block it on issues it already had.
      { backup: !pop, skipValidation: true },
    );
    if (pop) await this.backups.remove(id);
    return result;
  }

  private async write(
    edit: (doc: Json5Document, memory: LocalFirstMemory | null) => EditResult,
    opts: { backup: boolean; skipValidation?: boolean; origin?: WriteOrigin },
  ): Promise<ApplyResult> {
    if (this.readOnly) {
      throw new WarmclawError('read-only', msg('error.read-only', { path: this.path, why: this.opts.located.readOnlyReasonMsg ?? String(this.opts.located.readOnlyReason) }));
    }
    return withFileLock(this.path, this.opts.dataDir, async () => {
      const access = await this.access();
      // A file nobody may write: refuse before anything else (no backup, no gateway).
      if (!access.direct && !access.gatewayOnly) {
        throw new WarmclawError('read-only', msg('error.read-only', { path: this.path, why: access.reasonMsg ?? access.reason ?? '' }));
      }
      if (access.gatewayOnly && !this.opts.gateway) {
        throw new WarmclawError('read-only', msg('error.read-only-no-cli', { path: this.path, why: access.reasonMsg ?? access.reason ?? '' }));
      }
      for (let attempt = 0; attempt < 3; attempt++) {
        const base = await this.readForEdit();
        const memoryBefore = await this.localFirst.get(this.path);
        const result = edit(base.doc, memoryBefore);
        assertInvariants(base.doc, result.text, this.path);
        const diff = maskedUnifiedDiff(this.path, base.doc, result.text);
        if (result.text === base.text) {
          return { changed: false, summary: result.summary, summaryMsg: result.summaryMsg, warnings: result.warnings, diff: '', existingIssues: [], validated: false };
        }
        let existingIssues: ValidationIssue[] = [];
        const validated = !!this.opts.validator;
        if (this.opts.validator && !opts.skipValidation) {
          const [before, after] = await Promise.all([this.validate(base.text), this.validate(result.text)]);
          existingIssues = before;
          let added = this.opts.validator.newIssues(before, after);
          // The schema is stricter than OpenClaw on shapes OpenClaw migrates: let the CLI overrule it.
          if (added.length > 0 && this.opts.validator.confirm) added = await this.opts.validator.confirm(base.text, result.text);
          if (added.length > 0) {
            throw new WarmclawError('rejected', msg('error.rejected', { issues: added.map((i) => `  - ${i.path || '(root)'}: ${i.message}`).join('\n') }));
          }
        }
        // Pending until the write lands: a failed write must leave no backup behind (undo would
        // "restore" a version that never changed, and failures would push real history out).
        const backup = opts.backup && base.exists ? await this.backups.save(base.text, result.summaryMsg ?? result.summary, memoryBefore, opts.origin) : undefined;
        const gatewayBefore = await this.gatewayState();
        try {
          // Another user's file is never replaced by us (it would become ours): the gateway or nothing.
          if (!access.direct) throw new NotOurs(access.reasonMsg ?? msg('readonly.other-user', { uid: -1 }));
          await writeFileAtomic(this.path, result.text, {
            // The file may have changed while we validated (an editor, OpenClaw, another tool):
            // never clobber that change; re-run the edit on the new content instead.
            beforeRename: async () => {
              if ((await this.readText()).text !== base.text) throw new FileChangedUnderneath();
            },
          });
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (err instanceof NotOurs || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
            let gateway: GatewayOutcome;
            try {
              gateway = await this.writeThroughGateway(result.text, err instanceof NotOurs ? msg('readonly.not-ours', { why: err.msg }) : msg('readonly.not-writable', { code: String(code) }), gatewayBefore !== undefined);
            } catch (gwErr) {
              if (backup) await this.backups.remove(backup.id);
              throw gwErr;
            }
            // Keep the backup: the gateway's rewrite drops comments, so this copy is the only one with them.
            if (backup) await this.backups.commit(backup);
            if (result.localFirst !== undefined) await this.localFirst.set(this.path, result.localFirst);
            return { changed: true, summary: result.summary, summaryMsg: result.summaryMsg, warnings: result.warnings, diff, backup, existingIssues, validated, gateway };
          }
          if (backup) await this.backups.remove(backup.id);
          if (err instanceof FileChangedUnderneath) continue;
          if (err instanceof DanglingSymlinkError) throw new WarmclawError('invalid-file', msg('error.dangling-link', { path: this.path }), { file: this.path });
          throw new WarmclawError('io', msg('error.cannot-write', { path: this.path, detail: (err as Error).message }));
        }
        if (backup) await this.backups.commit(backup);
        if (result.localFirst !== undefined) await this.localFirst.set(this.path, result.localFirst);
        const backgroundCheck = !opts.skipValidation && this.startBackgroundCheck(base.text, result.text, result.summary, refsToAsk(base.doc, result.text));
        const gateway = gatewayBefore ? await this.confirmWithGateway(result.text, gatewayBefore) : undefined;
        return { changed: true, summary: result.summary, summaryMsg: result.summaryMsg, warnings: result.warnings, diff, backup, gateway, existingIssues, validated, validatedBy: this.opts.validator?.kind, backgroundCheck };
      }
      throw new WarmclawError('conflict', msg('error.kept-changing', { path: this.path }));
    });
  }

  /**
   * Starts OpenClaw's full check of a written change without waiting for it: its validator on
   * before/after, and its model catalog on the refs the change added. False when there is neither.
   */
  private startBackgroundCheck(beforeText: string, afterText: string, summary: string, refs: string[]): boolean {
    const bg = this.opts.validator?.background;
    const probe = refs.length > 0 ? this.opts.validator?.unknownRefs : undefined;
    if (!bg && !probe) return false;
    const refWarnings: Promise<ConfigWarning[]> = probe
      ? probe(afterText, refs).then(
          (unknown) => unknown.map(unknownRefWarning),
          (err: unknown) => [{ code: 'model-check-failed', severity: 'info' as const, message: `OpenClaw's CLI could not check the model names: ${(err as Error).message}` }],
        )
      : Promise.resolve([]);
    // Either half may fail on its own; the other's findings still count.
    const validated: Promise<{ issues: ValidationIssue[] } | { error: unknown }> = bg
      ? bg(beforeText, afterText).then((issues) => ({ issues }), (error: unknown) => ({ error }))
      : Promise.resolve({ issues: [] });
    const check: Promise<BackgroundCheck> = Promise.all([validated, refWarnings]).then(([v, warnings]): BackgroundCheck => {
      if ('error' in v) return { path: this.path, summary, status: 'failed', issues: [], warnings, message: `OpenClaw's validator could not check the change: ${(v.error as Error).message}` };
      if (v.issues.length === 0) return { path: this.path, summary, status: 'ok', issues: [], warnings, message: bg ? 'OpenClaw\'s own validator agrees with the change.' : 'OpenClaw checked the model names.' };
      return {
        path: this.path,
        summary,
        status: 'new-issues',
        issues: v.issues,
        warnings,
        message: `Written, but OpenClaw's own validator reports issues the schema could not see (undo to revert):\n${v.issues.map((i) => `  - ${i.path || '(root)'}: ${i.message}`).join('\n')}`,
      };
    });
    this.lastBackgroundCheck = check;
    void check.then((c) => this.opts.onBackgroundCheck?.(c));
    return true;
  }

  /** The gateway's view before a write (undefined when no gateway runs): its hash tells "it re-read the file" later. */
  private async gatewayState(): Promise<GatewayView | undefined> {
    const gw = this.opts.gateway;
    if (!gw || !(await gw.isUp().catch(() => false))) return undefined;
    return gw.getConfig().catch(() => undefined);
  }

  /** After a direct write, asks the running gateway whether it reloaded the file (it hot-reloads valid edits). */
  private async confirmWithGateway(writtenText: string, before: GatewayView): Promise<GatewayOutcome> {
    const gw = this.opts.gateway!;
    const deadline = Date.now() + (this.opts.gatewayConfirmMs ?? 8000);
    while (Date.now() < deadline) {
      const now = await gw.getConfig().catch(() => undefined);
      // The gateway has read our bytes when its masked `raw` equals them, or, when it withholds `raw`
      // (it does whenever it cannot mask every secret safely), when its file hash has moved on.
      const readOurs = now && (now.raw !== undefined ? gw.rawMatches(now.raw, writtenText) : now.hash !== before.hash);
      if (now && readOurs && now.valid && now.applied) return { status: 'applied', message: 'The running OpenClaw gateway reloaded the change.' };
      // An invalid file has no `raw`; a new hash with valid:false means it read our bytes and refused them.
      if (now && now.hash !== before.hash && !now.valid) {
        return { status: 'rejected', issues: now.issues, message: 'Written, but the running OpenClaw gateway rejected it and keeps running its previous config. See the issues.' };
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    return { status: 'unconfirmed', message: 'Written; the running OpenClaw gateway has not confirmed the reload yet.' };
  }

  private async writeThroughGateway(newText: string, why: Message, seenUp: boolean): Promise<GatewayOutcome> {
    const gw = this.opts.gateway;
    // `seenUp`: it answered config.get moments ago; a second 500 ms probe on a busy machine could
    // wrongly call it unreachable.
    if (!gw || !(seenUp || (await gw.isUp().catch(() => false)))) {
      throw new WarmclawError('read-only', msg('error.no-gateway-to-write', { path: this.path, why }));
    }
    for (let attempt = 0; attempt < 2; attempt++) {
      const { hash } = await gw.getConfig();
      if (!hash) break;
      try {
        // config.apply replaces the whole file (config.patch would merge and keep removed keys).
        await gw.apply(newText, hash);
        return {
          status: 'written-through-gateway',
          message: 'The file is not writable, so the change went through the running OpenClaw gateway. The gateway rewrites the file as plain JSON: its comments are gone (Warmclaw kept a backup).',
        };
      } catch (err) {
        if (!(err instanceof WarmclawError && err.code === 'conflict') || attempt === 1) throw err;
      }
    }
    throw new WarmclawError('conflict', msg('error.gateway-conflict'));
  }
}
