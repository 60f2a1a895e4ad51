// Times the release build in Debian's Chromium (headless, 1280x800), in the page: every
// figure is performance.now() from the event (or from navigation) to the end of the first
// frame that shows its result (the next animation frame after the DOM has changed, plus a
// message posted from that frame, which runs once the frame is painted). Not Playwright's
// round trips. Each case runs RUNS times (default 10) and reports median, min and max; the
// first diagram of the article network is measured beside a static page holding the same SVG
// and CSS, in the same run, so the ratio does not depend on how loaded the machine is.
//
// A measurement, not a test: `make bench-browser` builds the release bundle, runs this, and
// writes the table into BENCHMARKS.md between the browser-timing markers, with the date, the
// machine (nproc, CPU model) and the load average before and after. PORT (default 4181)
// picks the port of the static server; RUNS the runs per case; NO_WRITE=1 only prints;
// ONLY=<row names> runs some rows (names as in main) and only prints their figures; DIST
// (default dist) is the bundle served, to compare another build.
const { chromium } = require('playwright-core');
const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');

const root = path.join(__dirname, '..');
const port = Number(process.env.PORT || 4181);
const runs = Number(process.env.RUNS || 10);
const base = `http://127.0.0.1:${port}/`;
const STATIC_PAGE = 'bench-static-floor.html';
// The bundle to measure (`DIST=/tmp/other-build` compares another build of the app).
const dist = process.env.DIST || 'dist';
// ONLY=select5000,zoom5000 runs some rows and prints them, writing nothing.
const only = process.env.ONLY ? process.env.ONLY.split(',') : null;

/** A network of `instances` instances in VSwitches of 1,000 (`vpclab example N`), as the
 * stored document's text. */
function network(instances) {
  // VPCLAB names a built CLI, so a run does not wait for cargo's lock while other builds hold it.
  const text = process.env.VPCLAB
    ? execFileSync(process.env.VPCLAB, ['example', String(instances)], { cwd: root, maxBuffer: 64 << 20 }).toString()
    : execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'vpclab', '--', 'example', String(instances)],
      { cwd: root, maxBuffer: 64 << 20 }).toString();
  return { text, instances };
}

/** The share link fragment of a stored network (`#network=1.` and the zlib-compressed
 * document in base64url, as `export::share::encode` writes it). A network of 20,000
 * instances (3.2 MB) is more than the app stores (2 MiB, `app::saving::DOCUMENT_LIMIT`): at
 * navigation it can only come from a link (or a file, later). */
function shareFragment(text) {
  return `#network=1.${zlib.deflateSync(Buffer.from(text), { level: 9 }).toString('base64url')}`;
}

/** Median, min and max of a list of milliseconds (or frames per second). */
function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
}

/** Stats of whole frames, with the stats of the app's own part (event to DOM changed). */
function withWork({ out, dom }) {
  return { ...stats(out), work: stats(dom) };
}

// In every page: a clock that stops at the end of the first frame in which `selector`
// matches, counted from navigation (performance.now()'s origin).
const DRAWN_SCRIPT = `
  window.__drawn = new Promise((resolve) => {
    const selector = '[data-kind=vpc]';
    const painted = () => requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(0);
    });
    const look = () => {
      if (document.querySelector(selector)) painted(); else requestAnimationFrame(look);
    };
    look();
  });`;

// In the page: runs `act`, waits until `done()` holds (watching the DOM), then for the end
// of the next frame; resolves with the milliseconds since `act` started.
const TIMED = `
  window.__timed = (act, done) => new Promise((resolve, reject) => {
    const start = performance.now();
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      observer.disconnect();
      // How long the app's own work took (event to DOM changed); the rest is the browser's
      // style, layout and paint of the frame.
      window.__lastDom = performance.now() - start;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now() - start);
        channel.port2.postMessage(0);
      });
    };
    const observer = new MutationObserver(() => { if (done()) finish(); });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
    setTimeout(() => { if (!finished) { observer.disconnect(); reject(new Error('timed out')); } }, 30000);
    act();
    if (done()) finish();
  });
  // Times \`count\` events one after the other, 50 ms apart: \`next(i)\` gives the i-th
  // event's \`act\` and \`done\` (read just before it is sent). Resolves with the whole frames
  // and the app's own parts.
  window.__series = async (count, next) => {
    const out = [];
    const dom = [];
    for (let i = 0; i < count; i += 1) {
      const { act, done } = next(i);
      out.push(await window.__timed(act, done));
      dom.push(window.__lastDom);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { out, dom };
  };
  // Frames per second while \`step(i)\` runs once per frame for \`frames\` frames.
  window.__fps = (frames, step) => new Promise((resolve) => {
    let i = 0;
    let start = 0;
    const tick = (now) => {
      if (i === 0) start = now;
      if (i === frames) { resolve((frames * 1000) / (now - start)); return; }
      step(i);
      i += 1;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });`;

/** A new page (own context, so storage starts empty), with `stored` as the saved network. */
async function openPage(browser, stored) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(DRAWN_SCRIPT + TIMED);
  if (stored) {
    await page.addInitScript((text) => {
      if (location.pathname.endsWith('.html') && !location.pathname.endsWith('index.html')) return;
      try { localStorage.setItem('vpclab:topology', text); } catch (error) { console.error(error); }
    }, stored.text);
  }
  return { context, page };
}

/** Milliseconds from navigation to the end of the frame that first shows a VPC. With
 * `instances`, also checks that the page shows that network (its "+N more" nodes count the
 * rest) and no storage notice, so that a row can never time a refusal or a fallback to the
 * first-run network instead. */
async function firstDrawn(page, url, instances) {
  await page.goto(url);
  const ms = await page.evaluate(() => window.__drawn);
  if (instances) {
    const shown = await page.evaluate(() => {
      const drawn = document.querySelectorAll('[data-testid=diagram] [data-kind=instance]').length;
      const more = [...document.querySelectorAll('[data-testid=diagram] [data-kind=more]')]
        .map((node) => Number((node.getAttribute('aria-label').match(/\+(\d+)/) || [0, 0])[1]));
      return { count: more.reduce((sum, n) => sum + n, drawn), notice: !!document.querySelector('.storage-notice') };
    });
    if (shown.count !== instances || shown.notice) {
      throw new Error(`expected a network of ${instances} instances, the page shows ${shown.count}${shown.notice ? ' and a storage notice' : ''}`);
    }
  }
  return ms;
}

/** The static floor: the app's own first picture of the article, saved as plain HTML. */
async function writeStaticPage(browser) {
  const { context, page } = await openPage(browser);
  await page.goto(base);
  await page.evaluate(() => window.__drawn);
  await page.waitForTimeout(300);
  const { svg, css } = await page.evaluate(() => ({
    svg: document.querySelector('svg.diagram').outerHTML,
    css: [...document.querySelectorAll('link[rel=stylesheet]')].map((link) => link.getAttribute('href')),
  }));
  await context.close();
  const links = css.map((href) => `<link rel="stylesheet" href="${href}">`).join('');
  fs.writeFileSync(path.resolve(root, dist, STATIC_PAGE),
    `<!doctype html><html lang="en"><head><meta charset="utf-8">${links}</head><body><div class="app"><div class="workspace"><section class="canvas">${svg}</section></div></div></body></html>`);
}

async function firstDiagram(browser) {
  await writeStaticPage(browser);
  const app = [];
  const floor = [];
  for (let i = 0; i < runs; i += 1) {
    for (const [list, url] of [[app, base], [floor, base + STATIC_PAGE]]) {
      const { context, page } = await openPage(browser);
      list.push(await firstDrawn(page, url));
      await context.close();
    }
  }
  return { app: stats(app), floor: stats(floor) };
}

/** Selects `runs` different instances one after the other, each timed. */
async function selection(browser, stored) {
  const { context, page } = await openPage(browser, stored);
  await firstDrawn(page, base, stored && stored.instances);
  const times = await page.evaluate((count) => {
    const ids = [...document.querySelectorAll('[data-kind=instance]')].map((shape) => shape.getAttribute('data-id'));
    return window.__series(count, (i) => {
      const id = ids[i % ids.length];
      const shape = document.querySelector(`[data-id="${id}"]`);
      return {
        act: () => shape.dispatchEvent(new MouseEvent('click', { bubbles: true })),
        done: () => document.querySelector(`[data-id="${id}"][aria-pressed=true]`)
          && document.querySelector(`[data-testid=properties] .selection[data-selected="${id}"]`),
      };
    });
  }, runs);
  await context.close();
  return withWork(times);
}

/** One wheel notch at the middle of the canvas, alternately in and out. */
async function wheelZoom(browser, stored) {
  const { context, page } = await openPage(browser, stored);
  await firstDrawn(page, base, stored && stored.instances);
  const times = await page.evaluate((count) => {
    const svg = document.querySelector('[data-testid=diagram]');
    const box = svg.getBoundingClientRect();
    return window.__series(count, (i) => {
      const before = svg.getAttribute('data-scale');
      return {
        act: () => svg.dispatchEvent(new WheelEvent('wheel', {
          bubbles: true, cancelable: true, deltaY: i % 2 ? 100 : -100,
          clientX: box.left + box.width / 2, clientY: box.top + box.height / 2,
        })),
        done: () => svg.getAttribute('data-scale') !== before,
      };
    });
  }, runs);
  await context.close();
  return withWork(times);
}

/** Navigation to the first frame showing a shared network (opened by its link), a fresh page
 * each run. */
async function navigation(browser, shared) {
  const times = [];
  const link = base + shareFragment(shared.text);
  for (let i = 0; i < runs; i += 1) {
    const { context, page } = await openPage(browser, null);
    times.push(await firstDrawn(page, link, shared.instances));
    await context.close();
  }
  return stats(times);
}

/** Opens the first "+N more" node (a VSwitch of 1,000 at 5,000 instances), then measures
 * frames per second while panning and while zooming the expanded diagram. */
async function expand(browser, stored) {
  const times = [];
  const work = [];
  const pan = [];
  const zoom = [];
  let drawn = 0;
  for (let i = 0; i < runs; i += 1) {
    const { context, page } = await openPage(browser, stored);
    await firstDrawn(page, base, stored && stored.instances);
    const result = await page.evaluate(async () => {
      const more = document.querySelector('[data-kind=more]');
      const collapsed = document.querySelectorAll('[data-kind=instance]').length;
      const ms = await window.__timed(
        () => more.dispatchEvent(new MouseEvent('click', { bubbles: true })),
        () => document.querySelectorAll('[data-kind=instance]').length > collapsed + 900);
      const svg = document.querySelector('[data-testid=diagram]');
      const background = svg.querySelector('rect.background');
      const box = svg.getBoundingClientRect();
      const at = (x, y) => ({ bubbles: true, pointerId: 1, pointerType: 'mouse', button: 0,
        clientX: box.left + x, clientY: box.top + y });
      background.dispatchEvent(new PointerEvent('pointerdown', at(200, 200)));
      const panFps = await window.__fps(60, (k) =>
        background.dispatchEvent(new PointerEvent('pointermove', at(200 + 3 * k, 200 + 2 * k))));
      background.dispatchEvent(new PointerEvent('pointerup', at(380, 320)));
      const zoomFps = await window.__fps(30, (k) => svg.dispatchEvent(new WheelEvent('wheel', {
        bubbles: true, cancelable: true, deltaY: k % 2 ? 100 : -100,
        clientX: box.left + box.width / 2, clientY: box.top + box.height / 2,
      })));
      return { ms, work: window.__lastDom, panFps, zoomFps, drawn: document.querySelectorAll('[data-kind=instance]').length };
    });
    times.push(result.ms);
    work.push(result.work);
    pan.push(result.panFps);
    zoom.push(result.zoomFps);
    drawn = result.drawn;
    await context.close();
  }
  return { expand: withWork({ out: times, dom: work }), pan: stats(pan), zoom: stats(zoom), drawn };
}

/** Adds one instance to the last VSwitch through the RunInstances form: from the submit to
 * the frame that shows the VSwitch's new usage. */
async function addInstance(browser, stored) {
  const { context, page } = await openPage(browser, stored);
  await firstDrawn(page, base, stored && stored.instances);
  const times = [];
  const work = [];
  for (let i = 0; i < runs; i += 1) {
    await page.locator('[data-kind=vswitch]').first().dispatchEvent('click');
    await page.getByTestId('properties').locator('[data-action=RunInstances]').click();
    await page.getByTestId('form').waitFor();
    // The last VSwitch (the first ones of `vpclab example` are full).
    const choice = page.getByTestId('form').locator('[name=VSwitchId]');
    await choice.selectOption({ index: (await choice.locator('option').count()) - 1 });
    await page.getByTestId('form-ok').waitFor();
    const timed = await page.evaluate(async () => {
      const id = document.querySelector('[data-testid=form] [name=VSwitchId]').value;
      const vswitch = document.querySelector(`[data-id="${id}"]`);
      const before = vswitch.getAttribute('aria-label');
      const ms = await window.__timed(
        () => document.querySelector('[data-testid=form]').requestSubmit(),
        () => !document.querySelector('[data-testid=form]')
          && document.querySelector(`[data-id="${id}"]`).getAttribute('aria-label') !== before);
      return { ms, work: window.__lastDom };
    });
    times.push(timed.ms);
    work.push(timed.work);
  }
  await context.close();
  return withWork({ out: times, dom: work });
}

/** "Delete all" on the VPC: from the confirmation to the frame without the VPC. */
async function deleteAll(browser, stored) {
  const times = [];
  const work = [];
  for (let i = 0; i < runs; i += 1) {
    const { context, page } = await openPage(browser, stored);
    await firstDrawn(page, base, stored && stored.instances);
    await page.locator('[data-kind=vpc]').first().dispatchEvent('click');
    await page.getByTestId('delete').click();
    await page.getByTestId('confirm-delete').waitFor();
    const timed = await page.evaluate(async () => {
      const ms = await window.__timed(
        () => document.querySelector('[data-testid=confirm-delete]').click(),
        () => !document.querySelector('[data-testid=diagram] [data-kind=vpc]'));
      return { ms, work: window.__lastDom };
    });
    times.push(timed.ms);
    work.push(timed.work);
    await context.close();
  }
  return withWork({ out: times, dom: work });
}

const ms = (s) => `${s.median.toFixed(1)} ms (${s.min.toFixed(1)}–${s.max.toFixed(1)})`
  + (s.work ? `; app's work ${s.work.median.toFixed(1)} ms` : '');
const fps = (s) => `${s.median.toFixed(0)} fps (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;

function machine() {
  const cpu = (os.cpus()[0] || {}).model || 'unknown CPU';
  return `${os.cpus().length} cores (nproc), ${cpu.trim()}`;
}

const load = () => os.loadavg().map((value) => value.toFixed(2)).join(', ');

function table(results, before, after) {
  const r = results;
  const ratio = r.first.app.median / r.first.floor.median;
  const lines = [
    `Measured ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} on ${machine()}; load average (1, 5, 15 min) ${before} before and ${after} after the run. Chromium headless, 1280×800, release build, ${runs} runs per row: median (min–max); "app's work" is the median time from the event to the DOM changed, the rest of the frame being the browser's style, layout and paint.`,
    '',
    '| figure | measured | target |',
    '|---|---|---|',
    `| first diagram of the article network (navigation → first frame showing it) | ${ms(r.first.app)} | — |`,
    `| the same SVG and CSS as a static page (the floor, same run) | ${ms(r.first.floor)} | — |`,
    `| ratio app ÷ static (medians) | ${ratio.toFixed(2)} | ≤ 2.0 |`,
    `| select an instance, article network | ${ms(r.selectArticle)} | ≤ 16 ms median, ≤ 50 ms worst |`,
    `| select an instance, 5,000 instances | ${ms(r.select5000)} | ≤ 16 ms median, ≤ 50 ms worst |`,
    `| one wheel-zoom step, 5,000 instances | ${ms(r.zoom5000)} | ≤ 10 ms median |`,
    `| 20,000 instances: navigation (a share link) → drawn | ${ms(r.nav20000)} | ≤ 600 ms |`,
    `| expand a VSwitch of 1,000 instances (all ${r.expand.drawn} drawn) | ${ms(r.expand.expand)} | ≤ 100 ms |`,
    `| … then pan (one pointer move per frame, 60 frames) | ${fps(r.expand.pan)} | ≥ 50 fps |`,
    `| … then zoom (one wheel notch per frame, 30 frames) | ${fps(r.expand.zoom)} | ≥ 50 fps |`,
    `| add one instance at 5,000 (form submit → drawn) | ${ms(r.add5000)} | ≤ 50 ms |`,
    `| "Delete all" on the VPC of 5,000 instances | ${ms(r.delete5000)} | ≤ 100 ms |`,
  ];
  return lines.join('\n');
}

function writeBenchmarks(text) {
  const file = path.join(root, 'BENCHMARKS.md');
  const doc = fs.readFileSync(file, 'utf8');
  const start = '<!-- browser-timing:start -->';
  const end = '<!-- browser-timing:end -->';
  const block = `${start}\n${text}\n${end}`;
  const next = doc.includes(start)
    ? doc.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block)
    : `${doc.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(file, next);
}

async function main() {
  const loadBefore = load();
  const doc5000 = network(5000);
  const doc20000 = network(20000);
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dist],
    { cwd: root, stdio: 'ignore' });
  await new Promise((resolve) => setTimeout(resolve, 800));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const results = {};
  try {
    const step = async (name, run) => {
      if (only && !only.includes(name)) return;
      results[name] = await run();
      console.error(`${name}: ${JSON.stringify(results[name])}`);
    };
    await step('first', () => firstDiagram(browser));
    await step('selectArticle', () => selection(browser, null));
    await step('select5000', () => selection(browser, doc5000));
    await step('zoom5000', () => wheelZoom(browser, doc5000));
    await step('nav20000', () => navigation(browser, doc20000));
    await step('expand', () => expand(browser, doc5000));
    await step('add5000', () => addInstance(browser, doc5000));
    await step('delete5000', () => deleteAll(browser, doc5000));
  } finally {
    await browser.close();
    server.kill();
    fs.rmSync(path.resolve(root, dist, STATIC_PAGE), { force: true });
  }
  if (only) return;
  const text = table(results, loadBefore, load());
  console.log(text);
  if (!process.env.NO_WRITE) writeBenchmarks(text);
}

main().catch((error) => { console.error(error); process.exit(1); });
