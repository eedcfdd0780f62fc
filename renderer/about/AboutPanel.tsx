import type { DataSource } from '../../shared/basemap/types';
import { ModalDialog } from '../app/ModalDialog';

export interface AboutPanelProps {
  readonly sources: readonly DataSource[];
  readonly version: string;
  readonly onClose: () => void;
}

export function AboutPanel({ sources, version, onClose }: AboutPanelProps) {
  return (
    <ModalDialog title={`About Truceline ${version} — data sources`} onClose={onClose} testId="about-panel" className="about">
      <p>
        Every map layer is drawn from files shipped with the app; nothing is fetched from a network. The ceasefire line and disengagement zone shown are <strong>illustrative</strong>: they are not an
        agreed or official line.
      </p>
      <table>
        <thead>
          <tr>
            <th>Data</th>
            <th>Source</th>
            <th>Licence</th>
            <th>Attribution</th>
          </tr>
        </thead>
        <tbody>
          {sources.map((s) => (
            <tr key={s.title}>
              <td>{s.title}</td>
              <td>{s.source}</td>
              <td>{s.licence}</td>
              <td>{s.attribution}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ModalDialog>
  );
}
