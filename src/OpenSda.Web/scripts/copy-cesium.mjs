// Copies the parts of the CesiumJS build the dashboard loads into dist/cesium: the prebuilt Cesium.js,
// its web workers, the widgets CSS and the assets (Natural Earth II imagery shipped in the package,
// star-free: the sky box is turned off). Nothing is fetched from the network.
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const from = join(here, '..', 'node_modules', 'cesium', 'Build', 'Cesium');
const to = join(here, '..', 'dist', 'cesium');
if (!existsSync(from)) throw new Error(`CesiumJS build not found at ${from}: run npm ci`);
rmSync(to, { recursive: true, force: true });
mkdirSync(to, { recursive: true });
cpSync(join(from, 'Cesium.js'), join(to, 'Cesium.js'));
for (const dir of ['Workers', 'ThirdParty', 'Widgets']) cpSync(join(from, dir), join(to, dir), { recursive: true });
mkdirSync(join(to, 'Assets', 'Textures'), { recursive: true });
cpSync(join(from, 'Assets', 'Textures', 'NaturalEarthII'), join(to, 'Assets', 'Textures', 'NaturalEarthII'), { recursive: true });
for (const f of ['approximateTerrainHeights.json']) cpSync(join(from, 'Assets', f), join(to, 'Assets', f));
for (const dir of ['IAU2006_XYS', 'Images']) cpSync(join(from, 'Assets', dir), join(to, 'Assets', dir), { recursive: true });
console.log(`copied CesiumJS to ${to}`);
