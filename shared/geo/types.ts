/** WGS84 [longitude, latitude] in degrees. */
export type LonLat = readonly [lon: number, lat: number];

export interface GeoJsonGeometry {
  readonly type: 'Polygon' | 'MultiPolygon' | 'LineString' | 'MultiLineString' | 'Point';
  readonly coordinates: unknown;
}

export interface GeoJsonFeature<P = Record<string, unknown>> {
  readonly type: 'Feature';
  readonly properties: P;
  readonly geometry: GeoJsonGeometry;
}

export interface GeoJsonFeatureCollection<P = Record<string, unknown>> {
  readonly type: 'FeatureCollection';
  readonly features: readonly GeoJsonFeature<P>[];
}
