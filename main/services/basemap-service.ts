import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Basemap, CeasefireLine, DataSource, Settlement } from '../../shared/basemap/types';
import type { GeoJsonFeature, GeoJsonFeatureCollection, LonLat } from '../../shared/geo/types';

/** Countries drawn around Ukraine: any whose outline touches this lon/lat box. */
const REGION_BOUNDS = { west: 12, south: 36, east: 52, north: 60 } as const;

const FILES = {
  world: 'visionscarto_world_50m.topojson.json',
  oblasts: 'ukraine_oblasts_ne10m.geojson',
  line: 'ceasefire_line_illustrative.geojson',
  zone: 'disengagement_zone_illustrative.geojson',
  settlements: 'frontline_settlements_geonames.csv',
  sources: 'sources.json',
} as const;

export async function loadBasemap(basemapDir: string): Promise<Basemap> {
  const read = (name: string) => readFile(join(basemapDir, name), 'utf8');
  const [world, oblasts, line, zone, settlements, sources] = await Promise.all([
    read(FILES.world),
    read(FILES.oblasts),
    read(FILES.line),
    read(FILES.zone),
    read(FILES.settlements),
    read(FILES.sources),
  ]);
  return {
    countries: regionCountries(JSON.parse(world) as Topology),
    oblasts: oblastCollection(JSON.parse(oblasts) as GeoJsonFeatureCollection),
    ceasefireLine: ceasefireLineOf(JSON.parse(line) as GeoJsonFeatureCollection, FILES.line),
    disengagementZone: JSON.parse(zone) as GeoJsonFeatureCollection,
    settlements: parseSettlements(settlements),
    sources: JSON.parse(sources) as DataSource[],
  };
}

function regionCountries(topology: Topology): Basemap['countries'] {
  const object = topology.objects['countries'] as GeometryCollection<{ name: string; a3: string }> | undefined;
  if (!object) throw new Error(`${FILES.world}: no "countries" object`);
  const collection = feature(topology, object) as unknown as GeoJsonFeatureCollection<{ name: string; a3: string }>;
  return { type: 'FeatureCollection', features: collection.features.filter(touchesRegion) };
}

function touchesRegion(f: GeoJsonFeature): boolean {
  let inside = false;
  visitPositions(f.geometry.coordinates, ([lon, lat]) => {
    if (lon >= REGION_BOUNDS.west && lon <= REGION_BOUNDS.east && lat >= REGION_BOUNDS.south && lat <= REGION_BOUNDS.north) {
      inside = true;
    }
  });
  return inside;
}

function visitPositions(coordinates: unknown, visit: (position: LonLat) => void): void {
  if (!Array.isArray(coordinates)) return;
  if (typeof coordinates[0] === 'number') {
    visit(coordinates as unknown as LonLat);
    return;
  }
  for (const child of coordinates) visitPositions(child, visit);
}

function oblastCollection(raw: GeoJsonFeatureCollection): Basemap['oblasts'] {
  return {
    type: 'FeatureCollection',
    features: raw.features.map((f) => ({ ...f, properties: { name: String(f.properties['name_en'] ?? '') } })),
  };
}

function ceasefireLineOf(raw: GeoJsonFeatureCollection, file: string): CeasefireLine {
  const first = raw.features[0];
  if (!first || first.geometry.type !== 'LineString') throw new Error(`${file}: expected one LineString feature`);
  const props = first.properties;
  return {
    name: String(props['name'] ?? 'Ceasefire line'),
    status: String(props['status'] ?? 'ILLUSTRATIVE - not an agreed or official line'),
    vertices: first.geometry.coordinates as LonLat[],
    attribution: String(props['attribution'] ?? ''),
  };
}

export function parseSettlements(csv: string): Settlement[] {
  const [header, ...rows] = csv.trim().split(/\r?\n/);
  if (!header) throw new Error(`${FILES.settlements}: empty file`);
  const columns = header.split(',');
  const index = (name: string) => {
    const i = columns.indexOf(name);
    if (i < 0) throw new Error(`${FILES.settlements}: missing column "${name}"`);
    return i;
  };
  const optional = (name: string) => (columns.includes(name) ? columns.indexOf(name) : undefined);
  const at = {
    name: index('name'),
    lat: index('lat'),
    lon: index('lon'),
    oblast: index('oblast'),
    km: index('km_to_frontline_20260822'),
    side: index('side_20260822'),
    population: optional('population'),
  };
  return rows.map((row, i) => {
    const cells = row.split(',');
    const lon = Number(cells[at.lon]);
    const lat = Number(cells[at.lat]);
    const side = cells[at.side];
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || (side !== 'occupied' && side !== 'ukraine_controlled')) {
      throw new Error(`${FILES.settlements}: line ${i + 2} is malformed`);
    }
    const population = populationOf(at.population === undefined ? '' : cells[at.population]);
    if (population === undefined) throw new Error(`${FILES.settlements}: line ${i + 2} has a population that is not a whole number`);
    return { name: cells[at.name] ?? '', lon, lat, oblast: cells[at.oblast] ?? '', kmToFront: Number(cells[at.km]), side, population };
  });
}

/** An empty cell (or no column) is no population; `undefined` when the cell is not a whole number. */
function populationOf(cell: string | undefined): number | null | undefined {
  if (cell === undefined || cell === '') return null;
  return /^\d+$/.test(cell) ? Number(cell) : undefined;
}
