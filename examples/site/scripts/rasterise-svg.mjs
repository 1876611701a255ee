// Paint SVG files with Chromium at a given pixel width and save each as a PNG (tests compare the static
// charts' PNGs with their SVGs this way). Usage: node scripts/rasterise-svg.mjs WIDTH IN.svg OUT.png [...]
import {readFileSync, writeFileSync} from 'node:fs';
import {launchChromium} from '../tests/harness.mjs';

const [width, ...files] = process.argv.slice(2);
const browser = await launchChromium();
try {
  const page = await browser.newPage({viewport: {width: Number(width), height: 100}, deviceScaleFactor: 1});
  for (let i = 0; i < files.length; i += 2) {
    const svg = readFileSync(files[i], 'utf8');
    // The SVG as an image as wide as the viewport, on white, nothing around it.
    const source = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(`<html><body style="margin:0;background:#fff"><img id="chart" src="${source}" ` +
      `style="display:block;width:${width}px"></body></html>`);
    const chart = page.locator('#chart');
    await chart.evaluate((img) => img.decode());
    writeFileSync(files[i + 1], await chart.screenshot({animations: 'disabled'}));
  }
} finally {
  await browser.close();
}
