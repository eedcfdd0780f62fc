import type { Timestamp } from '../objects/types';

/** The ways objects reach and leave this workstation (DESIGN §5): packs carried to a peer, a folder a sync engine replicates, a commission hub. */
export type SyncTargetKind = 'peer-packs' | 'shared-folder' | 'hub';

/** One sync target as the desk shows it. Never a secret (no credentials), and no path in the session window. */
export interface SyncTargetStatus {
  /** Stable while the target is attached, e.g. "folder:<hash of its path>". */
  readonly id: string;
  readonly kind: SyncTargetKind;
  /** What the user recognises it by: a peer's name, the folder, the hub's address. */
  readonly label: string;
  readonly state: 'idle' | 'syncing' | 'offline' | 'error';
  /** When objects last went either way with it. */
  readonly lastExchange: Timestamp | null;
  /** Objects this workstation holds that the target lacks, as far as this workstation knows. */
  readonly waitingOut: number;
  /** Objects received from it since it was attached (stored or already present). */
  readonly received: number;
  /** Objects received from it that were refused (in the quarantine). */
  readonly quarantined: number;
  /** What went wrong last, in one readable line; null when nothing. */
  readonly error: string | null;
}

export interface SyncOverview {
  /** Grows with every change: of two overviews, the higher is the newer. */
  readonly revision: number;
  readonly targets: readonly SyncTargetStatus[];
}
