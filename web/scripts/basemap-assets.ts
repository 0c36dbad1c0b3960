// Writes the offline basemap's land and seat label points (see src/map/basemap-assets.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { landFromTopology, seatLabelPoints } from '../src/map/basemap-assets.ts';

const assets = path.resolve(import.meta.dirname, '..', 'src', 'assets');
const topology = JSON.parse(readFileSync(path.join(assets, 'constituencies-2024.topojson'), 'utf8'));
writeFileSync(path.join(assets, 'land.geojson'), `${JSON.stringify(landFromTopology(topology))}\n`);
writeFileSync(path.join(assets, 'seat-labels.geojson'), `${JSON.stringify(seatLabelPoints(topology))}\n`);
