import { FINALITY_STATUSES, INCIDENT_SORTS, MAX_PAGE_ROWS, OUTCOME_CLASSES, type IncidentQuery } from '../commission/incident-list';
import { parseTimestamp } from '../objects/timestamp';
import type { AssessmentDraft } from '../assessment/draft';
import type { WorkstationPreferences } from '../commission/participation';
import { MAX_KEY_FILE_BYTES, MAX_ROSTER_PACK_BYTES, type WorkspaceId } from '../commission/workspaces';
import { LIMITS } from '../objects/limits';
import type { Attribution, Citation, Finding, IncidentCategory, MemberId, ObjectId, Sha256Hex, Timestamp } from '../objects/types';
import type { RevealDeadlines } from './contract';
import { MAX_AGENDA_ITEMS, SESSION_SCREEN_MODES, type PlaybackMirror, type SessionScreenMode } from '../session/session-view';
import { InvalidArgumentsError } from './errors';
import { isHubDomain, isHubServer, isHubUser, MAX_HUB_FILE_BYTES, MAX_HUB_SECRET, MAX_HUB_SERVERS, MAX_HUB_USER, type HubAuth, type HubConnectRequest, type HubLeafSite } from '../sync/hub';
import { folderPathProblem } from '../sync/shared-folder';
import { MAX_PEER_NAME, MAX_QUARANTINE_PAGE, PEER_EXPORT_SCOPES, type PeerExportScope, type WorkspaceFolder } from '../sync/peer-packs';

export function expectNoArguments(raw: readonly unknown[]): readonly [] {
  if (raw.length !== 0) throw new InvalidArgumentsError(`expected no arguments, got ${raw.length}`);
  return [];
}

const OBJECT_ID = /^[0-9a-f]{64}$/;

/** Exactly one argument, an object id (64 lowercase hex characters). */
export function expectObjectId(raw: readonly unknown[], what: string): ObjectId {
  if (raw.length !== 1) throw new InvalidArgumentsError(`expected one argument (${what}), got ${raw.length}`);
  const [value] = raw;
  if (typeof value !== 'string' || !OBJECT_ID.test(value)) throw new InvalidArgumentsError(`${what} must be 64 lowercase hex characters`);
  return value as ObjectId;
}

const QUERY_KEYS: readonly (keyof IncidentQuery)[] = ['outcomes', 'category', 'finality', 'from', 'to', 'kmMin', 'kmMax', 'needsMyAction', 'text', 'sort', 'offset', 'limit'];
const CATEGORY = /^[a-z0-9-]{1,64}$/;
const MAX_TEXT = 200;
const MAX_KM = 1e6;
const MAX_OFFSET = 1e9;

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) throw new InvalidArgumentsError(`query.${field} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function nullable<T>(value: unknown, read: (value: unknown) => T): T | null {
  return value === null ? null : read(value);
}

function integer(value: unknown, min: number, max: number, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw new InvalidArgumentsError(`query.${field} must be an integer from ${min} to ${max}`);
  return value;
}

function km(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > MAX_KM) throw new InvalidArgumentsError(`query.${field} must be a number of km`);
  return value;
}

function timestamp(value: unknown, field: string): Timestamp {
  if (typeof value !== 'string' || value.length > 40 || parseTimestamp(value) === undefined) throw new InvalidArgumentsError(`query.${field} must be a UTC timestamp`);
  return value as Timestamp;
}

/** Exactly one argument, an incident query: every field present with its type, nothing else. */
export function expectIncidentQuery(raw: readonly unknown[]): IncidentQuery {
  if (raw.length !== 1) throw new InvalidArgumentsError(`expected one argument (an incident query), got ${raw.length}`);
  const [value] = raw;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidArgumentsError('the incident query must be an object');
  const q = value as Record<string, unknown>;
  const unknown = Object.keys(q).filter((key) => !(QUERY_KEYS as readonly string[]).includes(key));
  if (unknown.length > 0) throw new InvalidArgumentsError(`the incident query has unknown fields: ${unknown.join(', ')}`);
  const missing = QUERY_KEYS.filter((key) => !(key in q));
  if (missing.length > 0) throw new InvalidArgumentsError(`the incident query lacks ${missing.join(', ')}`);
  if (!Array.isArray(q['outcomes']) || q['outcomes'].length > OUTCOME_CLASSES.length) throw new InvalidArgumentsError('query.outcomes must be a list of outcomes');
  const outcomes = [...new Set((q['outcomes'] as unknown[]).map((o) => oneOf(o, OUTCOME_CLASSES, 'outcomes')))];
  if (typeof q['needsMyAction'] !== 'boolean') throw new InvalidArgumentsError('query.needsMyAction must be true or false');
  return {
    outcomes,
    category: nullable(q['category'], (c) => {
      if (typeof c !== 'string' || !CATEGORY.test(c)) throw new InvalidArgumentsError('query.category must be a category name');
      return c as IncidentCategory;
    }),
    finality: nullable(q['finality'], (f) => oneOf(f, FINALITY_STATUSES, 'finality')),
    from: nullable(q['from'], (t) => timestamp(t, 'from')),
    to: nullable(q['to'], (t) => timestamp(t, 'to')),
    kmMin: nullable(q['kmMin'], (k) => km(k, 'kmMin')),
    kmMax: nullable(q['kmMax'], (k) => km(k, 'kmMax')),
    needsMyAction: q['needsMyAction'],
    text: nullable(q['text'], (t) => {
      if (typeof t !== 'string' || t.length > MAX_TEXT) throw new InvalidArgumentsError(`query.text must be text of at most ${MAX_TEXT} characters`);
      return t;
    }),
    sort: oneOf(q['sort'], INCIDENT_SORTS, 'sort'),
    offset: integer(q['offset'], 0, MAX_OFFSET, 'offset'),
    limit: integer(q['limit'], 1, MAX_PAGE_ROWS, 'limit'),
  };
}

const MEMBER_ID = /^[A-Z0-9_-]{1,32}$/;
const MAX_PASSPHRASE = 1024;
const MAX_DRAFT_BYTES = 256 * 1024;
const DRAFT_KEYS = ['incident', 'round', 'finding', 'attribution', 'confidence', 'categories', 'rationale', 'citations'] as const;
const FINDINGS: readonly Finding[] = ['violation', 'no-violation', 'inconclusive', 'abstain'];

function expectCount(raw: readonly unknown[], count: number, what: string): void {
  if (raw.length !== count) throw new InvalidArgumentsError(`expected ${count === 1 ? 'one argument' : `${count} arguments`} (${what}), got ${raw.length}`);
}

function objectIdField(value: unknown, what: string): ObjectId {
  if (typeof value !== 'string' || !OBJECT_ID.test(value)) throw new InvalidArgumentsError(`${what} must be 64 lowercase hex characters`);
  return value as ObjectId;
}

function roundField(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > LIMITS.maxRound) throw new InvalidArgumentsError(`round must be an integer from 1 to ${LIMITS.maxRound}`);
  return value;
}

function plainObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidArgumentsError(`${what} must be an object`);
  return value as Record<string, unknown>;
}

function exactKeys(record: Record<string, unknown>, keys: readonly string[], what: string): void {
  const unknown = Object.keys(record).filter((key) => !keys.includes(key));
  if (unknown.length > 0) throw new InvalidArgumentsError(`${what} has unknown fields: ${unknown.join(', ')}`);
  const missing = keys.filter((key) => !(key in record));
  if (missing.length > 0) throw new InvalidArgumentsError(`${what} lacks ${missing.join(', ')}`);
}

/** An incident id and a round. */
export function expectIncidentRound(raw: readonly unknown[]): readonly [ObjectId, number] {
  expectCount(raw, 2, 'an incident id and a round');
  return [objectIdField(raw[0], 'incident id'), roundField(raw[1])];
}

export function expectMemberId(raw: readonly unknown[]): MemberId {
  expectCount(raw, 1, 'a member id');
  if (typeof raw[0] !== 'string' || !MEMBER_ID.test(raw[0])) throw new InvalidArgumentsError('member id must be 1–32 of A-Z 0-9 _ -');
  return raw[0] as MemberId;
}

/** The passphrase is checked for type and length only; it is never echoed back in a message. */
export function expectPassphrase(raw: readonly unknown[]): string {
  expectCount(raw, 1, 'a passphrase');
  const [value] = raw;
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_PASSPHRASE) throw new InvalidArgumentsError(`the passphrase must be text of 1 to ${MAX_PASSPHRASE} characters`);
  return value;
}

export function expectPreferences(raw: readonly unknown[]): WorkstationPreferences {
  expectCount(raw, 1, 'preferences');
  const record = plainObject(raw[0], 'preferences');
  exactKeys(record, ['revealAutomatically', 'idleLockMinutes'], 'preferences');
  if (typeof record['revealAutomatically'] !== 'boolean') throw new InvalidArgumentsError('preferences.revealAutomatically must be true or false');
  const minutes = record['idleLockMinutes'];
  if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1 || minutes > 480) throw new InvalidArgumentsError('preferences.idleLockMinutes must be an integer from 1 to 480');
  return { revealAutomatically: record['revealAutomatically'], idleLockMinutes: minutes };
}

/** An incident, a round and the phase's deadlines (each a UTC timestamp or null). */
export function expectDeadlines(raw: readonly unknown[]): readonly [ObjectId, number, RevealDeadlines] {
  expectCount(raw, 3, 'an incident id, a round and deadlines');
  const record = plainObject(raw[2], 'deadlines');
  exactKeys(record, ['revealDeadline', 'silenceDeadline'], 'deadlines');
  const read = (field: 'revealDeadline' | 'silenceDeadline'): Timestamp | null => {
    const value = record[field];
    if (value === null) return null;
    if (typeof value !== 'string' || value.length > 40 || parseTimestamp(value) === undefined)
      throw new InvalidArgumentsError(`deadlines.${field} must be a UTC timestamp such as 2026-11-22T19:00:00Z, or null`);
    return value as Timestamp;
  };
  return [objectIdField(raw[0], 'incident id'), roundField(raw[1]), { revealDeadline: read('revealDeadline'), silenceDeadline: read('silenceDeadline') }];
}

/**
 * A draft's shape: its fields present with their types. Its content (limits, the attribution's
 * role, a finding's consistency) is judged by the shared assessment validators when it is saved,
 * and reported as problems, not refused: a draft may be unfinished.
 */
export function expectDraft(raw: readonly unknown[]): AssessmentDraft {
  expectCount(raw, 1, 'a draft');
  if (JSON.stringify(raw[0] ?? null).length > MAX_DRAFT_BYTES) throw new InvalidArgumentsError(`the draft is larger than ${MAX_DRAFT_BYTES / 1024} KiB`);
  const record = plainObject(raw[0], 'the draft');
  exactKeys(record, DRAFT_KEYS, 'the draft');
  const finding = record['finding'];
  if (finding !== null && !(FINDINGS as readonly unknown[]).includes(finding)) throw new InvalidArgumentsError(`draft.finding must be one of ${FINDINGS.join(', ')}, or null`);
  const attribution = record['attribution'];
  if (typeof attribution !== 'string' || (attribution !== 'undetermined' && !MEMBER_ID.test(attribution))) throw new InvalidArgumentsError('draft.attribution must be a member id or undetermined');
  const confidence = record['confidence'];
  if (confidence !== null && (typeof confidence !== 'number' || !Number.isInteger(confidence))) throw new InvalidArgumentsError('draft.confidence must be a whole number or null');
  const categories = record['categories'];
  if (!Array.isArray(categories) || categories.length > 16 || !categories.every((c) => typeof c === 'string' && CATEGORY.test(c)))
    throw new InvalidArgumentsError('draft.categories must be a list of category names');
  if (typeof record['rationale'] !== 'string') throw new InvalidArgumentsError('draft.rationale must be text');
  const citations = record['citations'];
  if (!Array.isArray(citations) || citations.length > LIMITS.citations) throw new InvalidArgumentsError(`draft.citations must be a list of at most ${LIMITS.citations} citations`);
  return {
    incident: objectIdField(record['incident'], 'draft.incident'),
    round: roundField(record['round']),
    finding: finding as Finding | null,
    attribution: attribution as Attribution,
    confidence: confidence as number | null,
    categories: categories as IncidentCategory[],
    rationale: record['rationale'],
    citations: citations.map((c: unknown, i) => expectCitation(c, `draft.citations[${i}]`)),
  };
}

function expectCitation(value: unknown, what: string): Citation {
  const record = plainObject(value, what);
  const keys = Object.keys(record);
  if (!keys.includes('chunk') || keys.some((k) => !['chunk', 'tracks', 'detections'].includes(k))) throw new InvalidArgumentsError(`${what} must have a chunk and optional tracks and detections`);
  const ids = (field: 'tracks' | 'detections'): string[] | undefined => {
    const list = record[field];
    if (list === undefined) return undefined;
    if (!Array.isArray(list) || list.length > LIMITS.idsPerCitation || !list.every((id) => typeof id === 'string' && id.length <= LIMITS.evidenceItemId))
      throw new InvalidArgumentsError(`${what}.${field} must be a list of ids`);
    return list as string[];
  };
  const tracks = ids('tracks');
  const detections = ids('detections');
  return { chunk: objectIdField(record['chunk'], `${what}.chunk`) as string as Sha256Hex, ...(tracks ? { tracks } : {}), ...(detections ? { detections } : {}) };
}

/** Characters of the base64 (padded) of `bytes` bytes. */
export function base64Length(bytes: number): number {
  return 4 * Math.ceil(bytes / 3);
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A file's bytes as padded base64, at most `maxBytes` bytes; its content is judged by the service. */
function fileField(value: unknown, maxBytes: number, what: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length % 4 !== 0 || !BASE64.test(value)) throw new InvalidArgumentsError(`${what} must be a file's bytes as base64`);
  const bytes = (value.length / 4) * 3 - (value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0);
  if (bytes > maxBytes) throw new InvalidArgumentsError(`${what} is larger than ${maxBytes / 1024 >= 1024 ? `${maxBytes / 1024 / 1024} MiB` : `${maxBytes / 1024} KiB`}`);
  return value;
}

export function expectRosterPackFile(raw: readonly unknown[]): string {
  expectCount(raw, 1, 'a roster file or pack');
  return fileField(raw[0], MAX_ROSTER_PACK_BYTES, 'the roster file');
}

/** A roster file or pack, the id of the roster whose fingerprint the user compared, and the delegation to act for. */
export function expectJoinCommission(raw: readonly unknown[]): readonly [string, ObjectId, MemberId] {
  expectCount(raw, 3, 'a roster file, its roster id and a member id');
  return [fileField(raw[0], MAX_ROSTER_PACK_BYTES, 'the roster file'), objectIdField(raw[1], 'roster id'), expectMemberId([raw[2]])];
}

export function expectWorkspaceId(raw: readonly unknown[]): WorkspaceId {
  expectCount(raw, 1, 'a commission');
  const [value] = raw;
  if (value === 'demo') return value;
  return objectIdField(value, 'the commission (demo, or a roster id)');
}

/** A sealed key file and its passphrase; the passphrase is never echoed back in a message. */
export function expectKeyFileImport(raw: readonly unknown[]): readonly [string, string] {
  expectCount(raw, 2, 'a key file and its passphrase');
  return [fileField(raw[0], MAX_KEY_FILE_BYTES, 'the key file'), expectPassphrase([raw[1]])];
}

const PEER_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._()'-]*$/u;

/** Whether a peer's name is one the user may give: letters or digits first, then also spaces and . _ - ( ) ', at most MAX_PEER_NAME characters. */
export function isPeerName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_PEER_NAME && value === value.trim() && PEER_NAME.test(value);
}

function peerNameField(value: unknown): string {
  if (!isPeerName(value)) throw new InvalidArgumentsError(`the peer's name must be 1 to ${MAX_PEER_NAME} letters, digits, spaces or . _ - ( ) ', starting with a letter or digit`);
  return value;
}

/** A peer's name and what to export for it. */
export function expectPeerExport(raw: readonly unknown[]): readonly [string, PeerExportScope] {
  expectCount(raw, 2, "a peer's name and a scope");
  const scope = raw[1];
  if (!(PEER_EXPORT_SCOPES as readonly unknown[]).includes(scope)) throw new InvalidArgumentsError(`the scope must be one of ${PEER_EXPORT_SCOPES.join(', ')}`);
  return [peerNameField(raw[0]), scope as PeerExportScope];
}

/** The peer the packs come from, or null when the user does not say. */
export function expectPeerOrNull(raw: readonly unknown[]): string | null {
  expectCount(raw, 1, "a peer's name or null");
  return raw[0] === null ? null : peerNameField(raw[0]);
}

export function expectWorkspaceFolder(raw: readonly unknown[]): WorkspaceFolder {
  expectCount(raw, 1, 'a folder');
  if (raw[0] !== 'inbox' && raw[0] !== 'outbox') throw new InvalidArgumentsError('the folder must be inbox or outbox');
  return raw[0];
}

/** An offset and a page size of the quarantine. */
export function expectQuarantinePage(raw: readonly unknown[]): readonly [number, number] {
  expectCount(raw, 2, 'an offset and a limit');
  const [offset, limit] = raw;
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) throw new InvalidArgumentsError(`offset must be an integer from 0 to ${MAX_OFFSET}`);
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_QUARANTINE_PAGE) throw new InvalidArgumentsError(`limit must be an integer from 1 to ${MAX_QUARANTINE_PAGE}`);
  return [offset, limit];
}

/** A shared folder's full path as the user typed it, or null for a native folder dialog. */
export function expectFolderPathOrNull(raw: readonly unknown[]): string | null {
  expectCount(raw, 1, 'a folder path or null');
  if (raw[0] === null) return null;
  const problem = folderPathProblem(raw[0]);
  if (problem !== null) throw new InvalidArgumentsError(problem);
  return raw[0] as string;
}

const HUB_REQUEST_KEYS = ['servers', 'auth', 'tlsCaBase64', 'leaf'] as const;

/**
 * The hub settings the desk sends once: addresses, this workstation's credentials (checked for type
 * and length, never echoed back in a message), an optional CA certificate and an optional leaf site.
 */
export function expectHubConnect(raw: readonly unknown[]): HubConnectRequest {
  expectCount(raw, 1, 'hub settings');
  const record = plainObject(raw[0], 'the hub settings');
  exactKeys(record, HUB_REQUEST_KEYS, 'the hub settings');
  const servers = record['servers'];
  if (!Array.isArray(servers) || servers.length === 0 || servers.length > MAX_HUB_SERVERS || !servers.every((s) => typeof s === 'string' && s.length <= 300 && isHubServer(s))) {
    throw new InvalidArgumentsError(`servers must list 1 to ${MAX_HUB_SERVERS} addresses like nats://host:4222 or tls://host:4222, with no user or password in them`);
  }
  return {
    servers: servers as string[],
    auth: hubAuth(record['auth']),
    tlsCaBase64: record['tlsCaBase64'] === null ? null : fileField(record['tlsCaBase64'], MAX_HUB_FILE_BYTES, 'the CA certificate'),
    leaf: hubLeaf(record['leaf']),
  };
}

function hubAuth(value: unknown): HubAuth {
  const auth = plainObject(value, 'auth');
  switch (auth['kind']) {
    case 'none':
      exactKeys(auth, ['kind'], 'auth');
      return { kind: 'none' };
    case 'user': {
      exactKeys(auth, ['kind', 'user', 'password'], 'auth');
      const { user, password } = auth;
      if (typeof user !== 'string' || !isHubUser(user)) throw new InvalidArgumentsError(`auth.user must be 1 to ${MAX_HUB_USER} printable characters without spaces`);
      if (typeof password !== 'string' || password.length === 0 || password.length > MAX_HUB_SECRET) throw new InvalidArgumentsError(`the password must be text of 1 to ${MAX_HUB_SECRET} characters`);
      return { kind: 'user', user, password };
    }
    case 'creds':
      exactKeys(auth, ['kind', 'credsBase64'], 'auth');
      return { kind: 'creds', credsBase64: fileField(auth['credsBase64'], MAX_HUB_FILE_BYTES, 'the credentials file') };
    default:
      throw new InvalidArgumentsError('auth.kind must be none, user or creds');
  }
}

function hubLeaf(value: unknown): HubLeafSite | null {
  if (value === null) return null;
  const leaf = plainObject(value, 'leaf');
  exactKeys(leaf, ['siteDomain', 'hubDomain'], 'leaf');
  const { siteDomain, hubDomain } = leaf;
  if (typeof siteDomain !== 'string' || !isHubDomain(siteDomain) || typeof hubDomain !== 'string' || !isHubDomain(hubDomain) || siteDomain === hubDomain) {
    throw new InvalidArgumentsError('leaf.siteDomain and leaf.hubDomain must be two different JetStream domains (1 to 32 of A-Z a-z 0-9 _ -)');
  }
  return { siteDomain, hubDomain };
}

/** Exactly one argument, the agenda: a list of incident ids. */
export function expectAgenda(raw: readonly unknown[]): readonly ObjectId[] {
  if (raw.length !== 1) throw new InvalidArgumentsError(`expected one argument (the agenda), got ${raw.length}`);
  const [items] = raw;
  if (!Array.isArray(items) || items.length > MAX_AGENDA_ITEMS) throw new InvalidArgumentsError(`the agenda must be a list of at most ${MAX_AGENDA_ITEMS} incident ids`);
  return items.map((item) => expectObjectId([item], 'agenda item'));
}

/** Exactly one argument, an agenda position (from 0). */
export function expectAgendaIndex(raw: readonly unknown[]): number {
  if (raw.length !== 1) throw new InvalidArgumentsError(`expected one argument (an agenda position), got ${raw.length}`);
  const [index] = raw;
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= MAX_AGENDA_ITEMS)
    throw new InvalidArgumentsError(`the agenda position must be an integer from 0 to ${MAX_AGENDA_ITEMS - 1}`);
  return index;
}

export function expectSessionScreen(raw: readonly unknown[]): SessionScreenMode {
  if (raw.length !== 1) throw new InvalidArgumentsError(`expected one argument (the room screen's mode), got ${raw.length}`);
  const [mode] = raw;
  if (typeof mode !== 'string' || !(SESSION_SCREEN_MODES as readonly string[]).includes(mode))
    throw new InvalidArgumentsError(`the room screen's mode must be one of ${SESSION_SCREEN_MODES.join(', ')}`);
  return mode as SessionScreenMode;
}

const MAX_PLAYHEAD_SECONDS = 1e7;
const MAX_SPEED = 64;

/** Exactly one argument, the desk's playback: { playheadSeconds, playing, speed }, nothing else. */
export function expectPlaybackMirror(raw: readonly unknown[]): PlaybackMirror {
  if (raw.length !== 1) throw new InvalidArgumentsError(`expected one argument (the playback), got ${raw.length}`);
  const [value] = raw;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidArgumentsError('the playback must be an object');
  const { playheadSeconds, playing, speed, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) throw new InvalidArgumentsError(`the playback has unknown fields: ${Object.keys(rest).join(', ')}`);
  if (typeof playheadSeconds !== 'number' || !Number.isFinite(playheadSeconds) || playheadSeconds < 0 || playheadSeconds > MAX_PLAYHEAD_SECONDS) {
    throw new InvalidArgumentsError(`playback.playheadSeconds must be a number of seconds from 0 to ${MAX_PLAYHEAD_SECONDS}`);
  }
  if (typeof playing !== 'boolean') throw new InvalidArgumentsError('playback.playing must be true or false');
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed <= 0 || speed > MAX_SPEED) throw new InvalidArgumentsError(`playback.speed must be a number above 0 and at most ${MAX_SPEED}`);
  return { playheadSeconds, playing, speed };
}
