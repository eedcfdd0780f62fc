import type { EvidenceView } from '../../shared/commission/views';
import { EVIDENCE_ROLE_LABELS, formatBytes, shortHash } from './incident-format';

export function EvidenceTable({ evidence }: { readonly evidence: readonly EvidenceView[] }) {
  if (evidence.length === 0) return <p className="empty">The incident lists no evidence files.</p>;
  return (
    <table className="data-table" aria-label="Evidence">
      <thead>
        <tr>
          <th>Name, media type</th>
          <th>Role</th>
          <th className="numeric">Size</th>
          <th>SHA-256</th>
          <th>Here</th>
        </tr>
      </thead>
      <tbody>
        {evidence.map((e) => (
          <tr key={`${e.name}-${e.sha256}`} className={e.present ? undefined : 'missing'}>
            <td className="file-name">
              {e.name}
              <span className="media-type">{e.mediaType}</span>
            </td>
            <td>{EVIDENCE_ROLE_LABELS[e.role] ?? e.role}</td>
            <td className="numeric">{formatBytes(e.size)}</td>
            <td className="hash" title={e.sha256}>
              {shortHash(e.sha256)}
            </td>
            <td>{e.present ? <span className="present">present</span> : <span className="missing-tag">missing</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
