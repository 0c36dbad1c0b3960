import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { landFromTopology, seatLabelPoints } from './basemap-assets.ts';

const assets = path.resolve(import.meta.dirname, '..', 'assets');
const read = (name: string) => JSON.parse(readFileSync(path.join(assets, name), 'utf8'));
const topology = read('constituencies-2024.topojson');

test('the committed land and seat label points are current with the boundaries (else run basemap:assets)', () => {
  expect(read('land.geojson')).toEqual(landFromTopology(topology));
  expect(read('seat-labels.geojson')).toEqual(seatLabelPoints(topology));
});

test('one label per seat, inside it; the land is one shape of many parts (islands)', () => {
  const labels = seatLabelPoints(topology);
  expect(labels.features).toHaveLength(650);
  expect(new Set(labels.features.map((f) => f.properties.code)).size).toBe(650);
  const leeds = labels.features.find((f) => f.properties.name === 'Leeds Central and Headingley');
  // Inside the seat (around Leeds city centre and Headingley), not at its bounding box's middle somewhere else.
  const [lng, lat] = leeds!.geometry.coordinates as [number, number];
  expect(lng).toBeGreaterThan(-1.62);
  expect(lng).toBeLessThan(-1.5);
  expect(lat).toBeGreaterThan(53.78);
  expect(lat).toBeLessThan(53.85);
  const land = landFromTopology(topology).features[0]!.geometry;
  expect(land.coordinates.length).toBeGreaterThan(50);
});
