import type { GeoJsonFeatureCollection, LonLat } from '../geo/types';

export interface DataSource {
  readonly title: string;
  readonly source: string;
  readonly licence: string;
  readonly attribution: string;
}

export type SettlementSide = 'occupied' | 'ukraine_controlled';

export interface Settlement {
  readonly name: string;
  readonly lon: number;
  readonly lat: number;
  readonly oblast: string;
  readonly kmToFront: number;
  readonly side: SettlementSide;
  /** GeoNames population; null where GeoNames cities1000 has no match (most of those are villages under 1,000). */
  readonly population: number | null;
}

export interface CeasefireLine {
  readonly name: string;
  /** Always states that the line is illustrative unless the commission supplies an agreed one. */
  readonly status: string;
  readonly vertices: readonly LonLat[];
  readonly attribution: string;
}

/** Everything the offline map draws; every byte comes from files the app ships. */
export interface Basemap {
  readonly countries: GeoJsonFeatureCollection<{ readonly name: string; readonly a3: string }>;
  readonly oblasts: GeoJsonFeatureCollection<{ readonly name: string }>;
  readonly ceasefireLine: CeasefireLine;
  readonly disengagementZone: GeoJsonFeatureCollection;
  readonly settlements: readonly Settlement[];
  readonly sources: readonly DataSource[];
}
