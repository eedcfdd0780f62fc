// Growable column buffers that collect detections and tracks before they are sorted into batches.
// Times are held as float64 integers (exact below 2^53 ms) until a batch converts them to int64.

const INITIAL_CAPACITY = 1024;

function grown<T extends Float64Array | Float32Array | Int32Array | Int8Array | Uint8Array>(array: T, length: number, capacity: number): T {
  const next = new (array.constructor as new (size: number) => T)(capacity);
  next.set(array.subarray(0, length));
  return next;
}

/** Detection rows plus their ground truth, in the order they were produced. */
export class RowBuffer {
  length = 0;
  /** Scheduled observations that the sensor missed. */
  missed = 0;
  falseAlarms = 0;
  timeMs = new Float64Array(INITIAL_CAPACITY);
  lon = new Float64Array(INITIAL_CAPACITY);
  lat = new Float64Array(INITIAL_CAPACITY);
  altitudeM = new Float32Array(INITIAL_CAPACITY);
  sensorIndex = new Int32Array(INITIAL_CAPACITY);
  sensorKind = new Int8Array(INITIAL_CAPACITY);
  detectionClass = new Int8Array(INITIAL_CAPACITY);
  confidence = new Float32Array(INITIAL_CAPACITY);
  trackId = new Int32Array(INITIAL_CAPACITY);
  truthSource = new Int32Array(INITIAL_CAPACITY);
  truthIncident = new Int32Array(INITIAL_CAPACITY);

  push(
    timeMs: number,
    lon: number,
    lat: number,
    altitudeM: number,
    sensorIndex: number,
    sensorKind: number,
    detectionClass: number,
    confidence: number,
    trackId: number,
    truthSource: number,
    truthIncident: number,
  ): void {
    if (this.length === this.timeMs.length) this.grow();
    const i = this.length++;
    this.timeMs[i] = timeMs;
    this.lon[i] = lon;
    this.lat[i] = lat;
    this.altitudeM[i] = altitudeM;
    this.sensorIndex[i] = sensorIndex;
    this.sensorKind[i] = sensorKind;
    this.detectionClass[i] = detectionClass;
    this.confidence[i] = confidence;
    this.trackId[i] = trackId;
    this.truthSource[i] = truthSource;
    this.truthIncident[i] = truthIncident;
  }

  /** Appends row `i` of `from`. */
  copyRow(from: RowBuffer, i: number): void {
    this.push(
      from.timeMs[i]!,
      from.lon[i]!,
      from.lat[i]!,
      from.altitudeM[i]!,
      from.sensorIndex[i]!,
      from.sensorKind[i]!,
      from.detectionClass[i]!,
      from.confidence[i]!,
      from.trackId[i]!,
      from.truthSource[i]!,
      from.truthIncident[i]!,
    );
  }

  clear(): void {
    this.length = 0;
    this.missed = 0;
    this.falseAlarms = 0;
  }

  private grow(): void {
    const length = this.length;
    const capacity = length * 2;
    this.timeMs = grown(this.timeMs, length, capacity);
    this.lon = grown(this.lon, length, capacity);
    this.lat = grown(this.lat, length, capacity);
    this.altitudeM = grown(this.altitudeM, length, capacity);
    this.sensorIndex = grown(this.sensorIndex, length, capacity);
    this.sensorKind = grown(this.sensorKind, length, capacity);
    this.detectionClass = grown(this.detectionClass, length, capacity);
    this.confidence = grown(this.confidence, length, capacity);
    this.trackId = grown(this.trackId, length, capacity);
    this.truthSource = grown(this.truthSource, length, capacity);
    this.truthIncident = grown(this.truthIncident, length, capacity);
  }
}

/** Tracks (one row each) with their vertices in flat arrays, plus their ground truth. */
export class TrackBuffer {
  length = 0;
  vertexCount = 0;
  trackId = new Int32Array(INITIAL_CAPACITY);
  trackClass = new Int8Array(INITIAL_CAPACITY);
  truthSide = new Uint8Array(INITIAL_CAPACITY);
  truthIncident = new Int32Array(INITIAL_CAPACITY);
  /** Vertex count of each track; offsets are built when a batch is assembled. */
  vertices = new Int32Array(INITIAL_CAPACITY);
  vertexLon = new Float64Array(INITIAL_CAPACITY);
  vertexLat = new Float64Array(INITIAL_CAPACITY);
  vertexTimeMs = new Float64Array(INITIAL_CAPACITY);
  vertexAltitudeM = new Float32Array(INITIAL_CAPACITY);

  beginTrack(trackId: number, trackClass: number, truthSide: number, truthIncident: number): void {
    if (this.length === this.trackId.length) {
      const capacity = this.length * 2;
      this.trackId = grown(this.trackId, this.length, capacity);
      this.trackClass = grown(this.trackClass, this.length, capacity);
      this.truthSide = grown(this.truthSide, this.length, capacity);
      this.truthIncident = grown(this.truthIncident, this.length, capacity);
      this.vertices = grown(this.vertices, this.length, capacity);
    }
    const i = this.length++;
    this.trackId[i] = trackId;
    this.trackClass[i] = trackClass;
    this.truthSide[i] = truthSide;
    this.truthIncident[i] = truthIncident;
    this.vertices[i] = 0;
  }

  /** Adds a vertex to the track begun last; vertices must come in increasing time. */
  addVertex(lon: number, lat: number, timeMs: number, altitudeM: number): void {
    if (this.vertexCount === this.vertexLon.length) {
      const capacity = this.vertexCount * 2;
      this.vertexLon = grown(this.vertexLon, this.vertexCount, capacity);
      this.vertexLat = grown(this.vertexLat, this.vertexCount, capacity);
      this.vertexTimeMs = grown(this.vertexTimeMs, this.vertexCount, capacity);
      this.vertexAltitudeM = grown(this.vertexAltitudeM, this.vertexCount, capacity);
    }
    const v = this.vertexCount++;
    this.vertexLon[v] = lon;
    this.vertexLat[v] = lat;
    this.vertexTimeMs[v] = timeMs;
    this.vertexAltitudeM[v] = altitudeM;
    this.vertices[this.length - 1] = this.vertices[this.length - 1]! + 1;
  }

  clear(): void {
    this.length = 0;
    this.vertexCount = 0;
  }
}
