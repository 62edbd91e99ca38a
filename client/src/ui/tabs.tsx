import { KeyboardEvent, ReactNode, useRef } from 'react';

export interface TabItem<K extends string> {
  key: K;
  label: string;
  /** A count shown as a badge (tasks in the view…). */
  count?: number | null;
}

/**
 * Tabs as the WAI-ARIA pattern asks: one tab stop, arrows and Home/End move between tabs,
 * the selected one is marked both for the eye and for screen readers. The panel is the
 * caller's child, labelled by the selected tab.
 */
export function Tabs<K extends string>({
  label,
  items,
  selected,
  onSelect,
  idPrefix,
  children,
}: {
  label: string;
  items: TabItem<K>[];
  selected: K;
  onSelect: (key: K) => void;
  idPrefix: string;
  children: ReactNode;
}) {
  const refs = useRef(new Map<K, HTMLButtonElement>());
  const move = (event: KeyboardEvent, index: number) => {
    const last = items.length - 1;
    const to =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (to === null) return;
    event.preventDefault();
    onSelect(items[to].key);
    refs.current.get(items[to].key)?.focus();
  };
  return (
    <>
      <div className="nav nav-tabs" role="tablist" aria-label={label}>
        {items.map((item, index) => {
          const active = item.key === selected;
          return (
            <button
              key={item.key}
              ref={(node) => {
                if (node) refs.current.set(item.key, node);
              }}
              id={`${idPrefix}-tab-${item.key}`}
              type="button"
              role="tab"
              aria-selected={active}
              aria-controls={`${idPrefix}-panel`}
              tabIndex={active ? 0 : -1}
              className={`nav-link text-nowrap${active ? ' active' : ''}`}
              onClick={() => onSelect(item.key)}
              onKeyDown={(event) => move(event, index)}
            >
              {item.label}
              {item.count !== undefined && item.count !== null && (
                <span className="badge bg-primary ms-2">{item.count}</span>
              )}
            </button>
          );
        })}
      </div>
      <div
        id={`${idPrefix}-panel`}
        role="tabpanel"
        aria-labelledby={`${idPrefix}-tab-${selected}`}
        className="pt-3"
      >
        {children}
      </div>
    </>
  );
}
