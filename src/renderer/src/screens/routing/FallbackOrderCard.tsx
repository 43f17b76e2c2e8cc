// The fallback chain as a draft list: drag (pointer) or Space + arrows (keyboard) to reorder, remove
// or add entries, then "Review and apply" sends the whole order through the diff preview. The draft
// lives in a store so it survives switching tabs.
import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type Announcements, type DragEndEvent, type UniqueIdentifier } from '@dnd-kit/core';
import { SortableContext, arrayMove, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConfigView } from '../../../../shared/contract';
import { Button } from '../../components/Button';
import { useConfigStore } from '../../stores/config-store';
import { useRoutingDraftStore } from '../../stores/routing-draft-store';
import type { EditLock } from './edit-lock';
import { aliasOf, isLocalRef, knownRefs, sameOrder } from './model-refs';
import { PlaceBadge } from './PlaceBadge';

interface ItemProps {
  view: ConfigView;
  refId: string;
  index: number;
  locked: boolean;
  onRemove(): void;
}

function FallbackItem({ view, refId, index, locked, onRemove }: ItemProps): React.JSX.Element {
  const { t } = useTranslation('routing');
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: refId, disabled: locked });
  const alias = aliasOf(view, refId);
  const labelId = useId();
  const style = { transform: CSS.Transform.toString(transform), transition };
  return (
    <li ref={setNodeRef} style={style} className="rt-item" data-dragging={isDragging || undefined} data-testid="fallback-item" data-ref={refId}>
      <button
        ref={setActivatorNodeRef}
        type="button"
        className="rt-handle"
        {...attributes}
        {...listeners}
        aria-label={t('fallbacks.move', { ref: refId })}
        aria-roledescription={t('fallbacks.sortable')}
        disabled={locked}
      >
        <svg viewBox="0 0 12 18" width="12" height="18" aria-hidden="true">
          {[3, 9, 15].map((y) => (
            <g key={y}>
              <circle cx="3" cy={y} r="1.5" fill="currentColor" />
              <circle cx="9" cy={y} r="1.5" fill="currentColor" />
            </g>
          ))}
        </svg>
      </button>
      <span className="rt-pos" aria-hidden="true">
        {index + 1}
      </span>
      <span className="rt-item-main" id={labelId}>
        <code className="rt-ref">{refId}</code>
        {alias && <span className="muted small"> {t('alias.badge', { alias })}</span>}
      </span>
      <PlaceBadge local={isLocalRef(view, refId)} />
      <Button size="sm" variant="ghost" className="rt-remove" aria-describedby={labelId} disabled={locked} onClick={onRemove}>
        {t('fallbacks.remove')}
      </Button>
    </li>
  );
}

export function FallbackOrderCard({ view, lock }: { view: ConfigView; lock: EditLock }): React.JSX.Element {
  const { t } = useTranslation('routing');
  const propose = useConfigStore((s) => s.propose);
  const proposing = useConfigStore((s) => s.proposing);
  const id = useId();
  const file = view.routing.fallbacks;
  const draft = useRoutingDraftStore((s) => s.fallbacks);
  const setFallbacks = useRoutingDraftStore((s) => s.setFallbacks);
  const resetDraft = useRoutingDraftStore((s) => s.reset);
  const setDraft = (next: string[]) => setFallbacks(next, file);
  const [toAdd, setToAdd] = useState('');
  const order = draft ?? file;
  // Removing the focused row's button would drop focus to <body>: move it to the next row's Remove
  // (or the previous one, or the heading when the list is now empty).
  const removeAt = (i: number) => {
    const next = order.filter((_, n) => n !== i);
    setDraft(next);
    const neighbour = next[Math.min(i, next.length - 1)];
    requestAnimationFrame(() => {
      const row = neighbour ? document.querySelector<HTMLElement>(`[data-testid="fallbacks"] [data-testid="fallback-item"][data-ref="${window.CSS.escape(neighbour)}"] .rt-remove`) : null;
      (row ?? document.getElementById(`${id}-h`))?.focus();
    });
  };
  const dirty = draft !== null && !sameOrder(draft, file);

  const candidates = useMemo(() => knownRefs(view).filter((r) => !order.includes(r) && r !== view.routing.primary), [view, order]);
  const addValue = candidates.includes(toAdd) ? toAdd : (candidates[0] ?? '');

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));

  const pos = (rid: UniqueIdentifier | undefined) => order.indexOf(String(rid)) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('dnd.start', { ref: String(active.id), pos: pos(active.id), count: order.length }),
    onDragOver: ({ active, over }) => (over ? t('dnd.over', { ref: String(active.id), pos: pos(over.id), count: order.length }) : t('dnd.outside', { ref: String(active.id) })),
    onDragEnd: ({ active, over }) => (over ? t('dnd.end', { ref: String(active.id), pos: pos(over.id), count: order.length }) : t('dnd.cancel', { ref: String(active.id) })),
    onDragCancel: ({ active }) => t('dnd.cancel', { ref: String(active.id) }),
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = order.indexOf(String(active.id));
    const to = order.indexOf(String(over.id));
    if (from < 0 || to < 0) return;
    setDraft(arrayMove(order, from, to));
  };

  return (
    <section className="card rt-card" data-testid="fallbacks">
      <div className="row rt-head">
        <h2 id={`${id}-h`} className="section-title" tabIndex={-1}>
          {t('fallbacks.title')}
        </h2>
        {dirty && (
          <span className="badge" data-tone="warn" data-testid="draft-badge">
            {t('fallbacks.draft')}
          </span>
        )}
      </div>
      <p className="muted rt-line" id={`${id}-intro`}>
        {t('fallbacks.intro')}
      </p>
      {order.length === 0 ? (
        <p className="rt-empty muted" data-testid="fallbacks-empty">
          {t('fallbacks.empty')}
        </p>
      ) : (
        <DndContext
          sensors={sensors}
          collisionDetection={closestCenter}
          onDragEnd={onDragEnd}
          accessibility={{ announcements, screenReaderInstructions: { draggable: t('dnd.instructions') } }}
        >
          <SortableContext items={order} strategy={verticalListSortingStrategy}>
            <ol className="rt-list" aria-label={t('fallbacks.listLabel')} aria-describedby={`${id}-intro`}>
              {order.map((r, i) => (
                <FallbackItem key={r} view={view} refId={r} index={i} locked={lock.locked} onRemove={() => removeAt(i)} />
              ))}
            </ol>
          </SortableContext>
        </DndContext>
      )}
      <div className="rt-add">
        <div className="field rt-field">
          <label htmlFor={`${id}-add`}>{t('fallbacks.addLabel')}</label>
          <select id={`${id}-add`} className="select" value={addValue} disabled={lock.locked || candidates.length === 0} title={lock.reason} onChange={(e) => setToAdd(e.target.value)}>
            {candidates.length === 0 && <option value="">{t('fallbacks.nothingToAdd')}</option>}
            {candidates.map((r) => (
              <option key={r} value={r}>
                {r} · {isLocalRef(view, r) ? t('badge.local') : t('badge.hosted')}
              </option>
            ))}
          </select>
        </div>
        <Button disabled={lock.locked || !addValue} title={lock.reason} onClick={() => addValue && setDraft([...order, addValue])}>
          {t('fallbacks.add')}
        </Button>
      </div>
      <div className="row rt-actions">
        <span className="muted small spacer" role="status">
          {dirty ? t('fallbacks.draftNote') : ''}
        </span>
        <Button
          disabled={!dirty}
          onClick={() => {
            resetDraft();
            // The button turns disabled: keep keyboard focus in the card.
            document.getElementById(`${id}-h`)?.focus();
          }}
        >
          {t('fallbacks.reset')}
        </Button>
        <Button variant="primary" disabled={!dirty || lock.locked} busy={proposing && dirty} title={lock.reason} onClick={() => draft && void propose({ type: 'set-fallbacks', input: { refs: draft } })}>
          {t('fallbacks.review')}
        </Button>
      </div>
    </section>
  );
}
