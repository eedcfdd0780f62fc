import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBasemap, parseSettlements } from '../../../main/services/basemap-service';

describe('basemap service', () => {
  it('loads the shipped basemap: Ukraine and neighbours, 27 oblasts, the line, the zone, 503 settlements', async () => {
    const basemap = await loadBasemap(resolve(__dirname, '../../../resources/basemap'));
    const a3 = basemap.countries.features.map((f) => f.properties.a3);
    expect(a3).toEqual(expect.arrayContaining(['UKR', 'POL', 'ROU', 'MDA', 'BLR', 'RUS', 'SVK', 'HUN']));
    expect(a3).not.toContain('USA');
    expect(basemap.oblasts.features).toHaveLength(27);
    expect(basemap.ceasefireLine.vertices).toHaveLength(88);
    expect(basemap.ceasefireLine.status).toMatch(/ILLUSTRATIVE/);
    expect(basemap.disengagementZone.features.length).toBeGreaterThan(0);
    expect(basemap.settlements).toHaveLength(503);
    expect(basemap.settlements.find((s) => s.name === 'Kramatorsk')?.population).toBeGreaterThan(100_000);
    expect(basemap.settlements.filter((s) => s.population !== null).length).toBeGreaterThan(100);
    expect(basemap.sources.map((s) => s.attribution).join('\n')).toContain('GeoNames');
  });

  it('names the line of a malformed settlement row', () => {
    const header = 'name,lat,lon,admin1_geonames,oblast,km_to_frontline_20260822,side_20260822';
    expect(() => parseSettlements(`${header}\nA,47.1,36.2,26,Zaporizhzhia,0.0,occupied\nB,x,36.2,26,Z,1,occupied`)).toThrow(/line 3 is malformed/);
    expect(() => parseSettlements('name,lat\nA,1')).toThrow(/missing column "lon"/);
  });

  it('reads the population column, empty as none, and takes a file without it', () => {
    const header = 'name,lat,lon,admin1_geonames,oblast,km_to_frontline_20260822,side_20260822';
    const withPopulation = parseSettlements(`${header},population\r\nA,47.1,36.2,26,Z,0.0,occupied,12345\r\nB,47.2,36.2,26,Z,1.0,occupied,\r\n`);
    expect(withPopulation.map((s) => s.population)).toEqual([12345, null]);
    expect(parseSettlements(`${header}\nA,47.1,36.2,26,Z,0.0,occupied`)[0]!.population).toBeNull();
    expect(() => parseSettlements(`${header},population\nA,47.1,36.2,26,Z,0.0,occupied,many`)).toThrow(/line 2 has a population that is not a whole number/);
  });
});
