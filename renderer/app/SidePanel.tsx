import { useRef, type CSSProperties, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { clampWidth, keyedWidth, type PanelBounds, type PanelState } from './panel-size';

export interface SidePanelProps {
  /** Names the remembered width in storage and the test ids. */
  readonly id: string;
  /** What the panel holds, for the buttons' accessible names: "Hide the incident queue". */
  readonly label: string;
  /** The window edge it sits against; its handle is on the other side, towards the map. */
  readonly side: 'left' | 'right';
  readonly bounds: PanelBounds;
  /** Its width and whether it is collapsed, as usePanelState keeps them. */
  readonly state: PanelState;
  readonly onChange: (change: Partial<PanelState>) => void;
  /** Laid over the queue's side as a drawer instead of taking a column from the map. */
  readonly overlay?: boolean;
  /** Covered by the drawer: out of the tab order and the pointer's reach. */
  readonly inert?: boolean;
  readonly children: ReactNode;
}

/** A desk column that collapses to a thin rail and resizes by dragging its edge or with the arrow keys on it. */
export function SidePanel({ id, label, side, bounds, state, onChange: update, overlay = false, inert = false, children }: SidePanelProps) {
  const { width, collapsed } = state;
  const panelRef = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; width: number } | undefined>(undefined);
  const grows = side === 'left' ? 1 : -1;

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const shown = panelRef.current?.getBoundingClientRect().width ?? width;
    drag.current = { x: event.clientX, width: shown };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (drag.current) update({ width: clampWidth(drag.current.width + grows * (event.clientX - drag.current.x), bounds) });
  };
  const onPointerUp = () => {
    drag.current = undefined;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // From the width shown: a remembered width wider than the window allows would otherwise swallow key presses.
    const shown = Math.round(panelRef.current?.getBoundingClientRect().width ?? width);
    const next = keyedWidth(Math.min(shown, width), event.key, event.shiftKey, grows, bounds);
    if (next === undefined) return;
    event.preventDefault();
    update({ width: next });
  };

  const style = { '--panel-width': `${width}px` } as CSSProperties;
  const rail = (
    <div className="side-panel-rail">
      <button
        type="button"
        className="side-panel-toggle"
        aria-expanded={!collapsed}
        aria-controls={`${id}-panel-content`}
        aria-label={collapsed ? `Show ${label}` : `Hide ${label}`}
        title={collapsed ? `Show ${label}` : `Hide ${label}`}
        data-testid={`${id}-panel-toggle`}
        onClick={() => update({ collapsed: !collapsed })}
      >
        {(side === 'left') === collapsed ? '›' : '‹'}
      </button>
      {!collapsed && (
        <div
          className="side-panel-handle"
          role="separator"
          aria-orientation="vertical"
          aria-label={`Resize ${label}`}
          aria-valuenow={width}
          aria-valuemin={bounds.min}
          aria-valuemax={bounds.max}
          tabIndex={0}
          data-testid={`${id}-panel-handle`}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onKeyDown={onKeyDown}
        />
      )}
    </div>
  );
  return (
    <div
      ref={panelRef}
      className={`side-panel side-panel-${id} side-panel-${side}${overlay ? ' side-panel-overlay' : ''}`}
      data-collapsed={collapsed}
      data-testid={`${id}-panel`}
      style={style}
      inert={inert}
    >
      {side === 'right' && rail}
      <div className="side-panel-content" id={`${id}-panel-content`} hidden={collapsed}>
        {children}
      </div>
      {side === 'left' && rail}
    </div>
  );
}
