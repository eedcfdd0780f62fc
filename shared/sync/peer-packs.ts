import type { Timestamp } from '../objects/types';

/** What an export for a peer holds: what this workstation received since the last export to that peer, or everything it holds. */
export type PeerExportScope = 'since-last' | 'everything';
export const PEER_EXPORT_SCOPES = ['since-last', 'everything'] as const satisfies readonly PeerExportScope[];

/** A peer is named by the user ("GBR field laptop"): letters, digits, spaces and . _ - ( ) ', at most this long. */
export const MAX_PEER_NAME = 64;

/** The desktop folders the user may open from the app: the open commission's own. */
export type WorkspaceFolder = 'inbox' | 'outbox';

/** One exchange of packs with a peer, as this workstation recorded it. */
export interface PeerExchange {
  readonly at: Timestamp;
  /** Objects in the pack written (export), or received from the peer's packs, stored or already present (import). */
  readonly objects: number;
  /** Objects of the peer's packs refused (import); 0 for an export. */
  readonly rejected: number;
}

/** A peer this workstation exchanged packs with. */
export interface PeerView {
  readonly name: string;
  readonly lastExport: PeerExchange | null;
  readonly lastImport: PeerExchange | null;
  /** Objects stored since the last export to this peer (everything, when there was none). */
  readonly waitingOut: number;
}

export interface PeerPacksView {
  readonly peers: readonly PeerView[];
  /** Objects stored since the last export to any peer. */
  readonly waitingOut: number;
  /** Where packs come in and go out; shown to the user, never sent back by the page. */
  readonly inbox: string;
  readonly outbox: string;
}

/** A sync pack written for a peer. */
export interface PeerExportReceipt {
  readonly peer: string;
  readonly scope: PeerExportScope;
  /** The pack's file name in the outbox folder. */
  readonly file: string;
  readonly outbox: string;
  /** Also written where the user chose in the save dialog (Electron); the page never sees the path. */
  readonly savedAsChosen: boolean;
  readonly objects: number;
  readonly bytes: number;
}

/** Whether a folder opened in the desktop's file manager; when not, one line saying why, with the path. */
export interface OpenFolderResult {
  readonly opened: boolean;
  readonly path: string;
  readonly message: string | null;
}

/** One refused object in the quarantine. */
export interface QuarantineItem {
  readonly id: number;
  readonly code: string;
  /** The store's one line naming the object and, where it applies, the field. */
  readonly reason: string;
  readonly objectId: string | null;
  readonly receivedAt: Timestamp;
  /** Whether the refused bytes are kept for a person to inspect (signed objects up to 64 KiB). */
  readonly bytesKept: boolean;
}

/** A page of the quarantine, ordered by code, with every code's count. */
export interface QuarantinePage {
  readonly total: number;
  readonly codes: readonly { readonly code: string; readonly count: number }[];
  readonly offset: number;
  readonly items: readonly QuarantineItem[];
}

/** The most quarantine rows one page may ask for. */
export const MAX_QUARANTINE_PAGE = 500;
