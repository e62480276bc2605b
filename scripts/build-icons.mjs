// Renders the app icon set from the SVG sources in assets/ with resvg (a maintained Rust SVG
// renderer shipped as prebuilt npm binaries; nothing is downloaded). The PNGs are committed:
// electron-builder takes assets/icon.png (1024 px; it derives the macOS .icns and the Windows
// .ico from it), assets/icons/<N>x<N>.png for Linux, and the tray and notification images.
// Run after changing an SVG: `npm run icons`.
import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const assets = join(root, 'assets');

function render(svgFile, size) {
  const svg = readFileSync(join(assets, svgFile), 'utf8');
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' });
  return resvg.render().asPng();
}

const outputs = [
  ['icon.svg', 1024, 'icon.png'],
  ['icon.svg', 256, 'notification.png'],
  ...[16, 24, 32, 48, 64, 128, 256, 512].map((n) => ['icon.svg', n, `icons/${n}x${n}.png`]),
  ['icon.svg', 32, 'tray.png'],
  ['icon.svg', 64, 'tray@2x.png'],
  ['tray-template.svg', 16, 'trayTemplate.png'],
  ['tray-template.svg', 32, 'trayTemplate@2x.png'],
];

for (const [svg, size, out] of outputs) {
  const file = join(assets, out);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, render(svg, size));
  console.log(`icons: ${relative(root, file)} (${size} px)`);
}
