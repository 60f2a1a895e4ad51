// Takes the screenshots of docs/screenshots/: the release build at every size the users have
// (1400×900, 1024×768, 800×500, 390×844 and an iframe of 400×300), in English and Spanish,
// with the article's network, an empty one, 500 instances, and two and three regions; and
// prints the measured sizes (canvas, drawing, smallest instance name and address in CSS px).
// A record for people to look at, not a test: run it after `make build` with
//   node scripts/layout-screenshots.js [port] [directory]
// (the directory defaults to docs/screenshots).
const { chromium } = require('playwright-core');
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const port = Number(process.argv[2] || 8206);
const out = process.argv[3] ? path.resolve(process.argv[3]) : path.join(root, 'docs', 'screenshots');
const fixture = (name) => fs.readFileSync(path.join(root, 'tests', 'e2e', 'fixtures', `${name}.json`), 'utf8');
const empty = JSON.stringify({ vpclab: 'topology', version: 1, rules: '2020' });

const networks = {
  article: null,
  empty,
  'two-regions': fixture('two-regions'),
  'three-regions': fixture('three-regions'),
  'large-500': fixture('large-500'),
};
const sizes = [[1400, 900], [1024, 768], [800, 500], [390, 844], ['iframe', 400, 300]];

async function measure(frame) {
  return frame.evaluate(() => {
    const svg = document.querySelector('[data-testid=diagram]');
    const box = (el) => el.getBoundingClientRect();
    const px = (t) => (t ? parseFloat(t.getAttribute('font-size')) * t.getScreenCTM().a : NaN);
    const names = [...svg.querySelectorAll('[data-kind=instance]')].map((g) => px(g.querySelector('tspan.title')));
    const ips = [...svg.querySelectorAll('[data-kind=instance]')].map((g) => px(g.querySelector('tspan.address')));
    const c = box(svg);
    const d = box(svg.querySelector('g.diagram-content'));
    const min = (xs) => (xs.length ? Math.min(...xs).toFixed(1) : '-');
    return `canvas ${c.width.toFixed(0)}x${c.height.toFixed(0)}, drawing ${d.width.toFixed(0)}x${d.height.toFixed(0)}, `
      + `smallest name ${min(names)} px, smallest IP ${min(ips)} px`;
  });
}

async function main() {
  fs.mkdirSync(out, { recursive: true });
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', 'dist'],
    { cwd: root, stdio: 'ignore' });
  await new Promise((resolve) => setTimeout(resolve, 800));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const url = `http://127.0.0.1:${port}/`;
  try {
    for (const language of ['en', 'es']) {
      for (const [network, stored] of Object.entries(networks)) {
        for (const size of sizes) {
          const iframe = size[0] === 'iframe';
          const [width, height] = iframe ? [size[1] + 40, size[2] + 40] : size;
          const phone = width < 700 && !iframe;
          const context = await browser.newContext({ viewport: { width, height }, hasTouch: phone, isMobile: phone, reducedMotion: 'reduce' });
          const page = await context.newPage();
          await page.goto(url);
          await page.evaluate(({ stored, language }) => {
            localStorage.clear();
            if (stored) localStorage.setItem('vpclab:topology', stored);
            localStorage.setItem('vpclab:preferences', JSON.stringify({ language }));
          }, { stored, language });
          let frame = page;
          if (iframe) {
            await page.setContent(`<!doctype html><body style="margin:20px;background:#ddd"><iframe src="${url}" width="${size[1]}" height="${size[2]}" style="border:0"></iframe></body>`);
            await page.frameLocator('iframe').locator('[data-kind=internet]').waitFor();
            frame = await (await page.$('iframe')).contentFrame();
          } else {
            await page.reload();
          }
          await frame.locator('[data-kind=internet]').waitFor();
          await page.waitForTimeout(700);
          const name = `${network}-${iframe ? 'iframe-400x300' : `${width}x${height}`}-${language}`;
          console.log(`${name}: ${await measure(frame)}`);
          await page.screenshot({ path: path.join(out, `${name}.png`) });
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
    server.kill();
  }
}

main().catch((error) => { console.error(error); process.exit(1); });
