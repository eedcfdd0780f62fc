import type { Observation } from '../../shared/objects/types';
import { DISTANCE_BAND_LABELS, MODALITY_LABELS, formatBearing } from './incident-format';

export function ObservationsTable({ observations }: { readonly observations: readonly Observation[] }) {
  if (observations.length === 0) return <p className="empty">The incident lists no observations.</p>;
  return (
    <table className="data-table" aria-label="Observations">
      <thead>
        <tr>
          <th>Modality</th>
          <th className="numeric">Count</th>
          <th>Bearing</th>
          <th>Distance band</th>
        </tr>
      </thead>
      <tbody>
        {observations.map((o, index) => (
          <tr key={index}>
            <td>{MODALITY_LABELS[o.modality] ?? o.modality}</td>
            <td className="numeric">{o.count}</td>
            <td>{formatBearing(o.bearingDeg)}</td>
            <td>{DISTANCE_BAND_LABELS[o.distanceBand] ?? o.distanceBand}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
