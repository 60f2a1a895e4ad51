// Times the release build in Debian's Chromium on networks of growing size: first render
// of a saved network, selecting an instance, a zoom step, and "Delete all" on the VPC (the
// time from the click to the next animation frame after the diagram is drawn without it,
// measured inside the page with performance.now()). A measurement, not a test: run it with
// `make bench-browser` after `make build`, and copy the table to BENCHMARKS.md.
// PORT (default 4181) picks the port of the static server; SIZES the instance counts.
const { chromium } = require('playwright-core');
const { execFileSync, spawn } = require('child_process');
const path = require('path');

const root = path.join(__dirname, '..');
const port = Number(process.env.PORT || 4181);
const sizes = (process.env.SIZES || '3,500,5000').split(',').map(Number);

function network(instances) {
  return execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'vpclab', '--', 'example', String(instances)],
    { cwd: root, maxBuffer: 64 << 20 }).toString();
}

async function main() {
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', 'dist'],
    { cwd: root, stdio: 'ignore' });
  await new Promise((resolve) => setTimeout(resolve, 800));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const rows = [];
  try {
    for (const size of sizes) {
      const doc = network(size);
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.addInitScript((text) => {
        if (!sessionStorage.getItem('seeded')) {
          localStorage.setItem('vpclab:topology', text);
          sessionStorage.setItem('seeded', '1');
        }
      }, doc);
      const started = Date.now();
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.locator('[data-kind=vpc]').first().waitFor();
      const firstRender = Date.now() - started;
      const shapes = await page.locator('svg.diagram [data-id]').count();

      const instance = page.locator('[data-kind=instance]').first();
      let t = Date.now();
      await instance.click();
      await page.locator('[data-testid=properties] .selection').waitFor();
      const select = Date.now() - t;

      const scale = await page.getByTestId('diagram').getAttribute('data-scale');
      t = Date.now();
      await page.getByTestId('zoom-in').click();
      await page.waitForFunction((before) =>
        document.querySelector('[data-testid=diagram]').getAttribute('data-scale') !== before, scale);
      const zoom = Date.now() - t;
      if (process.env.SHOTS) await page.screenshot({ path: path.join(process.env.SHOTS, `timing-${size}.png`) });

      // Delete all: select the VPC, ask to delete it with its contents, then time the
      // confirmation in the page, up to the frame after the VPC has left the diagram.
      // A click event on the VPC's box itself (after the zoom step it may sit under the
      // toolbar, where a real pointer would hit the toolbar).
      await page.locator('[data-kind=vpc]').first().dispatchEvent('click');
      await page.getByTestId('delete').click();
      await page.getByTestId('confirm-delete').waitFor();
      const deleteAll = await page.evaluate(() => new Promise((resolve) => {
        const diagram = document.querySelector('[data-testid=diagram]');
        const gone = () => !diagram.querySelector('[data-kind=vpc]');
        const start = performance.now();
        const done = () => requestAnimationFrame(() => resolve(performance.now() - start));
        const observer = new MutationObserver(() => {
          if (gone()) {
            observer.disconnect();
            done();
          }
        });
        observer.observe(diagram, { childList: true, subtree: true });
        document.querySelector('[data-testid=confirm-delete]').click();
        if (gone()) {
          observer.disconnect();
          done();
        }
      }));
      rows.push({ instances: size, 'stored bytes': doc.length, 'shapes drawn': shapes,
        'first render ms': firstRender, 'select ms': select, 'zoom step ms': zoom,
        'delete all ms': Math.round(deleteAll) });
      await page.close();
    }
  } finally {
    await browser.close();
    server.kill();
  }
  console.table(rows);
}

main().catch((error) => { console.error(error); process.exit(1); });
