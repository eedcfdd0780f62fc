import { useEffect, useState } from 'react';
import type { Basemap } from '../../shared/basemap/types';
import type { AppInfo, TrucelineApi } from '../../shared/ipc/contract';
import { AboutPanel } from '../about/AboutPanel';
import { MapScreen } from '../map/MapScreen';
import { Legend } from '../map/Legend';
import { emitAppEvent, enableAppEvents } from './app-events';

type Loaded = { readonly info: AppInfo; readonly basemap: Basemap };

const HOST_LABELS: Readonly<Record<AppInfo['host'], string>> = {
  electron: 'Electron',
  chromium: 'System Chromium',
};

export function App({ api }: { readonly api: TrucelineApi }) {
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [aboutOpen, setAboutOpen] = useState(false);

  useEffect(() => {
    let cancelled = false;
    Promise.all([api.getAppInfo(), api.getBasemap()])
      .then(([info, basemap]) => {
        if (cancelled) return;
        if (info.testMode) enableAppEvents();
        setLoaded({ info, basemap });
        emitAppEvent('basemap-loaded');
      })
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
    };
  }, [api]);

  return (
    <div className="app">
      <header className="app-bar">
        <h1>Truceline</h1>
        <span className="subtitle">Ceasefire monitoring workstation</span>
        <span className="spacer" />
        {loaded && (
          <span className="host-badge" data-testid="host">
            {HOST_LABELS[loaded.info.host]} · offline
          </span>
        )}
        <button type="button" onClick={() => setAboutOpen(true)} disabled={!loaded}>
          About / data sources
        </button>
      </header>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {loaded ? (
        <main className="workspace">
          <MapScreen basemap={loaded.basemap} />
          <Legend />
        </main>
      ) : (
        !error && <p className="loading">Loading the offline basemap…</p>
      )}
      {aboutOpen && loaded && <AboutPanel sources={loaded.basemap.sources} version={loaded.info.version} onClose={() => setAboutOpen(false)} />}
    </div>
  );
}
