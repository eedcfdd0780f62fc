import { Float32, Float64, Int32, tableFromIPC, Uint8, type Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { dictionaryData, ipcFileOf, plainData } from '../../../shared/evidence/arrow-build';
import { encodeDetections, type DetectionColumns } from '../../../shared/evidence/detections-codec';
import { detectionClassType, detectionsSchema, sensorIdType, sensorKindType, timeType } from '../../../shared/evidence/evidence-schema';
import { DETECTION_CLASSES, SENSOR_KINDS } from '../../../shared/evidence/evidence-vocabulary';
import { rebaseToSeconds } from '../../../shared/evidence/time-rebase';
import { encodeTracks } from '../../../shared/evidence/tracks-codec';
import { decodePlaybackEvidence } from '../../../renderer/playback/decode-playback-evidence';
import { answerDecodeRequest } from '../../../renderer/playback/evidence-decoder-protocol';
import { transferablesOf } from '../../../renderer/playback/playback-evidence';
import { DAY_START_MS, syntheticDetections, syntheticTracks } from '../../shared/evidence/evidence-fixtures';

const ROWS = 20_000;
const WINDOW_START_MS = DAY_START_MS + 1_000;

/** Synthetic detections with runs of equal times, so the sort's stability shows. */
function detectionsWithTies(): DetectionColumns {
  const columns = syntheticDetections(ROWS, 11);
  for (let i = 5; i < ROWS; i += 5) columns.timeMs[i] = columns.timeMs[i - 3]!;
  return columns;
}

const detectionBytes = encodeDetections(detectionsWithTies());
const trackBytes = encodeTracks(syntheticTracks(300, 12));
const table = tableFromIPC(detectionBytes);
const tracksTable = tableFromIPC(trackBytes);

function column<T>(source: Table, name: string): (row: number) => T {
  const vector = source.getChild(name)!;
  return (row) => vector.get(row) as T;
}

/** Rows by time, ties in chunk order, from the Arrow reader's values. */
function expectedOrder(source: Table): number[] {
  const time = column<number>(source, 'time');
  return Array.from({ length: source.numRows }, (_, row) => row).sort((a, b) => time(a) - time(b) || a - b);
}

/** The synthetic detections with their rows put in time order before encoding. */
function detectionsInTimeOrder(): Uint8Array {
  const columns = detectionsWithTies();
  const order = Array.from({ length: ROWS }, (_, row) => row).sort((a, b) => Number(columns.timeMs[a]! - columns.timeMs[b]!) || a - b);
  const take = <T extends { length: number; [i: number]: unknown }>(values: T, make: (length: number) => T): T => {
    const out = make(values.length);
    order.forEach((row, i) => (out[i] = values[row]));
    return out;
  };
  return encodeDetections({
    timeMs: take(columns.timeMs, (n) => new BigInt64Array(n)),
    lon: take(columns.lon, (n) => new Float64Array(n)),
    lat: take(columns.lat, (n) => new Float64Array(n)),
    altitudeM: take(columns.altitudeM, (n) => new Float32Array(n)),
    sensorId: { indices: take(columns.sensorId.indices, (n) => new Int32Array(n)), values: columns.sensorId.values },
    sensorKind: take(columns.sensorKind, (n) => new Int8Array(n)),
    detectionClass: take(columns.detectionClass, (n) => new Int8Array(n)),
    confidencePct: take(columns.confidencePct, (n) => new Uint8Array(n)),
    trackId: take(columns.trackId, (n) => new Int32Array(n)),
  });
}

/** docs/EVIDENCE.md: a float32 holds t seconds to within 2^(⌊log2 t⌋ − 24) s. */
function float32Bound(value: number): number {
  return value === 0 ? 0 : 2 ** (Math.floor(Math.log2(Math.abs(value))) - 24);
}

describe('decoding evidence for playback', () => {
  const evidence = decodePlaybackEvidence({ detections: detectionBytes, tracks: trackBytes, windowStartMs: WINDOW_START_MS });
  const d = evidence.detections;

  it.each([
    ['a chunk out of time order', () => detectionBytes],
    ['a chunk already in time order', detectionsInTimeOrder],
  ])('sorts the detections of %s by time, ties in chunk order, every column following (against the Arrow reader)', (_, chunk) => {
    const bytes = chunk();
    const source = tableFromIPC(bytes);
    const d = decodePlaybackEvidence({ detections: bytes, windowStartMs: WINDOW_START_MS }).detections;
    const order = expectedOrder(source);
    expect(d.count).toBe(ROWS);
    expect(Array.from(d.chunkRow)).toEqual(order);
    const [lon, lat, time] = [column<number>(source, 'lon'), column<number>(source, 'lat'), column<number>(source, 'time')];
    const [sensor, kind, cls] = [column<string>(source, 'sensor_id'), column<string>(source, 'sensor_kind'), column<string>(source, 'detection_class')];
    const [confidence, track] = [column<number>(source, 'confidence_pct'), column<number>(source, 'track_id')];
    const rebased = rebaseToSeconds(source.getChild('time')!.toArray() as BigInt64Array, WINDOW_START_MS);
    const wrong = { lon: 0, lat: 0, lonBound: 0, seconds: 0, secondsBound: 0, sensor: 0, kind: 0, cls: 0, confidence: 0, track: 0 };
    order.forEach((row, i) => {
      if (d.lon[i] !== Math.fround(lon(row))) wrong.lon++;
      if (d.lat[i] !== Math.fround(lat(row))) wrong.lat++;
      if (Math.abs(d.lon[i]! - lon(row)) > float32Bound(lon(row))) wrong.lonBound++;
      if (d.seconds[i] !== rebased[row]) wrong.seconds++;
      const exactS = (time(row) - WINDOW_START_MS) / 1000;
      if (Math.abs(d.seconds[i]! - exactS) > float32Bound(exactS)) wrong.secondsBound++;
      if (d.sensorIds[d.sensorIndex[i]!] !== sensor(row)) wrong.sensor++;
      if (SENSOR_KINDS[d.sensorKind[i]!] !== kind(row)) wrong.kind++;
      if (DETECTION_CLASSES[d.detectionClass[i]!] !== cls(row)) wrong.cls++;
      if (d.confidence[i] !== confidence(row)) wrong.confidence++;
      if (d.trackId[i] !== track(row)) wrong.track++;
    });
    expect(wrong).toEqual({ lon: 0, lat: 0, lonBound: 0, seconds: 0, secondsBound: 0, sensor: 0, kind: 0, cls: 0, confidence: 0, track: 0 });
    expect(d.timeSpanMs).toEqual({ minMs: time(order[0]!), maxMs: time(order[ROWS - 1]!) });
  });

  it('builds the map’s attributes in the worker: positions, class colours, [seconds, confidence] and class × kind categories, row by row', () => {
    const { positions, filterValues, filterCategories } = evidence.mapAttributes;
    const wrong = { position: 0, filter: 0, category: 0 };
    for (let i = 0; i < d.count; i++) {
      if (positions[2 * i] !== d.lon[i] || positions[2 * i + 1] !== d.lat[i]) wrong.position++;
      if (filterValues[2 * i] !== d.seconds[i] || filterValues[2 * i + 1] !== d.confidence[i]) wrong.filter++;
      if (filterCategories[i] !== d.detectionClass[i]! * SENSOR_KINDS.length + d.sensorKind[i]!) wrong.category++;
    }
    expect(wrong).toEqual({ position: 0, filter: 0, category: 0 });
  });

  it('keeps seconds within 3.9 ms of the exact time over a day, and never decreasing', () => {
    const time = column<number>(table, 'time');
    let worst = 0;
    let decreases = 0;
    for (let i = 0; i < d.count; i++) {
      if (i > 0 && d.seconds[i]! < d.seconds[i - 1]!) decreases++;
      const exactS = (time(d.chunkRow[i]!) - WINDOW_START_MS) / 1000;
      worst = Math.max(worst, Math.abs(d.seconds[i]! - exactS));
    }
    expect(decreases).toBe(0);
    expect(worst).toBeLessThanOrEqual(0.00391);
  });

  it('lays out the tracks as deck.gl binary paths in the order of their first vertex (against the Arrow reader)', () => {
    const t = evidence.tracks!;
    expect(t.count).toBe(300);
    expect(t.startIndices.length).toBe(301);
    expect(t.startIndices[0]).toBe(0);
    const [id, cls, vertices] = [column<number>(tracksTable, 'track_id'), column<string>(tracksTable, 'track_class'), tracksTable.getChild('vertices')!];
    const rowOf = new Map(Array.from({ length: t.count }, (_, row) => [id(row), row]));
    expect(rowOf.size).toBe(t.count);
    for (let track = 0; track < t.count; track++) {
      const row = rowOf.get(t.trackId[track]!)!;
      expect(DETECTION_CLASSES[t.trackClass[track]!]).toBe(cls(row));
      if (track > 0) expect(t.timestamps[t.startIndices[track]!]).toBeGreaterThanOrEqual(t.timestamps[t.startIndices[track - 1]!]!);
      const path = vertices.get(row)!;
      expect(t.startIndices[track + 1]! - t.startIndices[track]!).toBe(path.length);
      for (let k = 0; k < path.length; k++) {
        const vertex = path.get(k) as { lon: number; lat: number; time: number };
        const v = t.startIndices[track]! + k;
        expect(t.positions[2 * v]).toBe(Math.fround(vertex.lon));
        expect(t.positions[2 * v + 1]).toBe(Math.fround(vertex.lat));
        expect(t.timestamps[v]).toBe(Math.fround((vertex.time - WINDOW_START_MS) / 1000));
      }
    }
    expect(t.vertexCount).toBe(t.startIndices[t.count]);
  });

  it('gives every column a compact buffer of its own, so each can be transferred and the chunk dropped', () => {
    const buffers = transferablesOf(evidence);
    expect(new Set(buffers).size).toBe(buffers.length);
    expect(buffers).not.toContain(detectionBytes.buffer);
    expect(buffers).not.toContain(trackBytes.buffer);
    for (const view of [d.lon, d.seconds, d.trackId, d.sensorIndex, evidence.tracks!.positions, evidence.tracks!.startIndices]) {
      expect(view.byteOffset).toBe(0);
      expect(view.byteLength).toBe(view.buffer.byteLength);
    }
  });

  it('starts the window at the earliest detection or vertex when none is given', () => {
    const own = decodePlaybackEvidence({ detections: detectionBytes, tracks: encodeTracks(syntheticTracks(3, 4)) });
    const earliest = Math.min(own.detections.timeSpanMs!.minMs, own.tracks!.timeSpanMs!.minMs);
    expect(own.windowStartMs).toBe(earliest);
    expect(Math.min(own.detections.seconds[0]!, ...own.tracks!.timestamps)).toBe(0);
  });

  it('decodes an empty chunk to empty columns', () => {
    const empty = decodePlaybackEvidence({ detections: encodeDetections(syntheticDetections(0)), windowStartMs: 0 });
    expect(empty.detections.count).toBe(0);
    expect(empty.detections.timeSpanMs).toBeUndefined();
    expect(empty.countIndex.count).toBe(0);
    expect(empty.tracks).toBeUndefined();
  });
});

describe('the decoder worker’s answer', () => {
  const buffer = (bytes: Uint8Array) => bytes.slice().buffer;

  it('decodes and lists the buffers to transfer', () => {
    const { message, transfer } = answerDecodeRequest({ id: 3, detections: buffer(detectionBytes), windowStartMs: WINDOW_START_MS });
    expect(message.ok).toBe(true);
    expect(message.id).toBe(3);
    if (message.ok) expect(transfer).toEqual(transferablesOf(message.evidence));
  });

  it.each([
    ['a truncated detections chunk', () => ({ detections: buffer(detectionBytes.subarray(0, detectionBytes.length - 100)) }), 'not-arrow-file'],
    ['bytes that are no Arrow file', () => ({ detections: new TextEncoder().encode('{"lon": [36.1, 36.2]}').buffer }), 'not-arrow-file'],
    ['a longitude of 181°', () => ({ detections: buffer(withLongitude(181, 7)) }), 'out-of-range'],
    ['a tracks chunk given as detections', () => ({ detections: buffer(trackBytes) }), 'wrong-format'],
    ['a damaged tracks chunk', () => ({ detections: buffer(detectionBytes), tracks: buffer(trackBytes.subarray(8)) }), 'not-arrow-file'],
  ] as const)('refuses %s in one line naming the code', (_, chunks, code) => {
    const { message, transfer } = answerDecodeRequest({ id: 1, ...chunks() });
    expect(message.ok).toBe(false);
    if (message.ok) return;
    expect(message.code).toBe(code);
    expect(message.message).not.toMatch(/\n/);
    expect(message.message.length).toBeGreaterThan(0);
    expect(transfer).toEqual([]);
  });

  it('names the field and row of a value out of range', () => {
    const { message } = answerDecodeRequest({ id: 1, detections: buffer(withLongitude(181, 7)) });
    expect(message.ok ? '' : message.message).toMatch(/detections chunk: lon.*7/);
  });
});

/** A detections chunk the encoder would refuse: one longitude out of range. */
function withLongitude(lon: number, row: number): Uint8Array {
  const small = syntheticDetections(50, 3);
  const longitudes = small.lon.map((value, i) => (i === row ? lon : value));
  return ipcFileOf(detectionsSchema(), 50, [
    plainData(timeType(), small.timeMs),
    plainData(new Float64(), longitudes),
    plainData(new Float64(), small.lat),
    plainData(new Float32(), small.altitudeM),
    dictionaryData(sensorIdType(), small.sensorId.indices, small.sensorId.values),
    dictionaryData(sensorKindType(), small.sensorKind, SENSOR_KINDS),
    dictionaryData(detectionClassType(), small.detectionClass, DETECTION_CLASSES),
    plainData(new Uint8(), small.confidencePct),
    plainData(new Int32(), small.trackId),
  ]);
}
