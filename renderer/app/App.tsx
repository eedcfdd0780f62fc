import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Basemap } from '../../shared/basemap/types';
import type { CommissionView } from '../../shared/commission/views';
import type { AppInfo } from '../../shared/ipc/contract';
import type { MemberId } from '../../shared/objects/types';
import type { Backend } from '../api/api';
import { AboutPanel } from '../about/AboutPanel';
import { ImportPanel } from '../imports/ImportPanel';
import { SyncPanel } from '../sync/SyncPanel';
import { syncBadge } from '../sync/sync-format';
import { useSyncStatus } from '../sync/use-sync-status';
import { AuditPanel } from '../audit/AuditPanel';
import { DeskContext, type Desk } from '../assessment/desk-context';
import { usePreferences } from '../assessment/use-preferences';
import { OpenDraft, OpenDraftContext } from '../assessment/use-draft-store';
import { CommissionHeader } from '../commission/CommissionHeader';
import { CommissionsDialog } from '../commission/CommissionsDialog';
import { DEMO_PASSPHRASE } from '../commission/demo-passphrase';
import { KeyControl } from '../keys/KeyControl';
import { useKeyStatus } from '../keys/use-key-status';
import { useCommissionData } from '../incidents/use-commission-data';
import { DEFAULT_FLIGHT_DURATION_MS } from '../map/MapScreen';
import { emitAppEvent, enableAppEvents } from './app-events';
import { HelpPanel } from '../help/HelpPanel';
import { LostBackendBanner } from './LostBackendBanner';
import { OverflowMenu } from './OverflowMenu';
import { readableError } from './remote';
import { Workstation } from './Workstation';
import { SessionControls } from '../session/SessionControls';
import { SyncStatusIcon } from '../sync/SyncStatusIcon';

type Loaded = { readonly info: AppInfo; readonly basemap: Basemap };

const HOST_LABELS: Readonly<Record<AppInfo['host'], string>> = {
  electron: 'Electron',
  chromium: 'System Chromium',
};

/** Short enough that end-to-end tests do not wait on animation, long enough to run through deck.gl's transition. */
const TEST_FLIGHT_DURATION_MS = 120;

export function App({ backend }: { readonly backend: Backend }) {
  const { api, events, connection } = backend;
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [aboutOpen, setAboutOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [sessionOpen, setSessionOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [auditOpen, setAuditOpen] = useState(false);
  const [syncOpen, setSyncOpen] = useState(false);
  const [commissionsOpen, setCommissionsOpen] = useState(false);
  // A switch of commission starts the desk afresh: nothing selected or drafted in one shows in the other.
  const [commissionEpoch, setCommissionEpoch] = useState(0);
  const { commission, generation, reload } = useCommissionData(api);
  const keys = useKeyStatus(api, events, generation);
  const sync = useSyncStatus(api, events, commissionEpoch);
  const badge = syncBadge(sync);
  const preferences = usePreferences(api, generation);
  const [openDraft] = useState(() => new OpenDraft());
  // The commission as last read: a reload does not take the roster away from an open form.
  const [view, setView] = useState<CommissionView>();
  useEffect(() => {
    if (commission.state !== 'loading') setView(commission.state === 'ready' ? commission.value : undefined);
  }, [commission]);
  const desk = useMemo<Desk>(() => ({ api, commission: view, keys, preferences, reload }), [api, view, keys, preferences, reload]);
  const demoPassphrase = view?.demo ? DEMO_PASSPHRASE : undefined;

  const actAs = useCallback(
    async (member: MemberId) => {
      await api.switchDelegation(member);
      emitAppEvent('delegation-switched', member);
      reload();
    },
    [api, reload],
  );

  useEffect(() => {
    let cancelled = false;
    Promise.all([api.getAppInfo(), api.getBasemap()])
      .then(([info, basemap]) => {
        if (cancelled) return;
        if (info.testMode) enableAppEvents();
        setLoaded({ info, basemap });
        emitAppEvent('basemap-loaded');
      })
      .catch((e: unknown) => !cancelled && setError(readableError(e)));
    return () => {
      cancelled = true;
    };
  }, [api]);

  // Pushed by the main process: the store changed, so whatever shows it reads it again.
  useEffect(
    () =>
      events.onStoreChanged(() => {
        emitAppEvent('store-changed');
        reload();
      }),
    [events, reload],
  );

  // Pushed by the main process: a deadline passed, so a tally may read differently now.
  useEffect(
    () =>
      events.onDeadlinePassed(() => {
        emitAppEvent('deadline-passed');
        reload();
      }),
    [events, reload],
  );

  // Pushed by the main process: this workstation's settings changed (the acting delegation, preferences).
  useEffect(
    () =>
      events.onWorkstationChanged((change) => {
        if (change.reason === 'commission') setCommissionEpoch((epoch) => epoch + 1);
        emitAppEvent('workstation-changed');
        reload();
      }),
    [events, reload],
  );

  const lessUsed = [
    { label: view?.demo ? 'Leave the demo' : 'Commissions', onSelect: () => setCommissionsOpen(true), disabled: !loaded, testId: 'commissions-button' },
    { label: 'Import packs', onSelect: () => setImportOpen(true), disabled: !loaded },
    { label: 'Audit this store', onSelect: () => setAuditOpen(true), disabled: !loaded },
    { label: 'About / data sources', onSelect: () => setAboutOpen(true), disabled: !loaded },
  ];
  // A compact bar (styles.css) keeps only Unlock and Sync beside the More menu: Help and the room session join the menu.
  const compactMore = [...lessUsed, { label: 'Help', onSelect: () => setHelpOpen(true) }, { label: 'Room session', onSelect: () => setSessionOpen(true), disabled: !loaded }];

  return (
    <div className="app">
      <LostBackendBanner connection={connection} />
      <header className="app-bar">
        <h1>Truceline</h1>
        <CommissionHeader commission={commission} onActAs={actAs} demoPassphrase={demoPassphrase} />
        <span className="spacer" />
        <KeyControl keys={keys} demoPassphrase={demoPassphrase} />
        {loaded && (
          <span className="host-badge" data-testid="host" data-sync={badge.tone}>
            {HOST_LABELS[loaded.info.host]} · {badge.text}
          </span>
        )}
        {loaded && <SyncStatusIcon badge={badge} />}
        <button type="button" onClick={() => setSyncOpen(true)} disabled={!loaded} data-testid="sync-button">
          Sync
        </button>
        <button type="button" className="app-bar-wide" onClick={() => setHelpOpen(true)} data-testid="help-button">
          Help
        </button>
        {/* On a wide window these show in the bar; on a narrow or zoomed one (styles.css) in the More menu. */}
        <span className="app-bar-actions">
          {lessUsed.map((action) => (
            <button key={action.label} type="button" onClick={action.onSelect} disabled={action.disabled} data-testid={action.testId}>
              {action.label}
            </button>
          ))}
        </span>
        <span className="app-bar-more">
          <OverflowMenu label="More" items={compactMore} />
        </span>
        {loaded && <SessionControls api={api} open={sessionOpen} setOpen={setSessionOpen} />}
      </header>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {loaded ? (
        <DeskContext.Provider value={desk}>
          <OpenDraftContext.Provider value={openDraft}>
            <Workstation
              key={commissionEpoch}
              api={api}
              basemap={loaded.basemap}
              commission={commission}
              generation={generation}
              onReload={reload}
              flightDurationMs={loaded.info.testMode ? TEST_FLIGHT_DURATION_MS : DEFAULT_FLIGHT_DURATION_MS}
            />
          </OpenDraftContext.Provider>
        </DeskContext.Provider>
      ) : (
        !error && <p className="loading">Loading the offline basemap…</p>
      )}
      {importOpen && loaded && <ImportPanel api={api} events={events} onClose={() => setImportOpen(false)} />}
      {syncOpen && loaded && <SyncPanel api={api} events={events} host={loaded.info.host} overview={sync} onClose={() => setSyncOpen(false)} />}
      {auditOpen && loaded && <AuditPanel api={api} events={events} onClose={() => setAuditOpen(false)} />}
      {commissionsOpen && loaded && <CommissionsDialog api={api} onClose={() => setCommissionsOpen(false)} />}
      {aboutOpen && loaded && <AboutPanel sources={loaded.basemap.sources} version={loaded.info.version} onClose={() => setAboutOpen(false)} />}
      {helpOpen && <HelpPanel onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
