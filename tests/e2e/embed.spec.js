// Embedding (docs/EMBED.md): vpclab framed by a tutorial page of another origin, driven by
// postMessage. The release build is served twice: on the lab's port (vpclab) and on the
// host's port (the demo page, embed-demo.html?lab=<vpclab's address>), so the frame is a
// cross-origin one, as on a real tutorial site.
const path = require('path');
const { test, expect } = require('@playwright/test');
const { serve } = require('./static-server');
const { shot } = require('./helpers');

// Playwright's own server is on E2E_PORT; these two are E2E_PORT + 5 and + 6.
const BASE = Number(process.env.E2E_PORT || 4173);
const LAB_PORT = Number(process.env.EMBED_LAB_PORT || BASE + 5);
const HOST_PORT = Number(process.env.EMBED_HOST_PORT || BASE + 6);
const DIST = path.join(__dirname, '..', '..', 'dist');

let lab;
let host;
test.beforeAll(async () => {
  lab = await serve(LAB_PORT, { '/': DIST });
  host = await serve(HOST_PORT, { '/': DIST });
});
test.afterAll(async () => {
  await lab.close();
  await host.close();
});

/** Opens the demo page framing vpclab (with `query` added to its address) at `size`. */
async function openDemo(page, { size = '640x400', query = '' } = {}) {
  const params = new URLSearchParams({ lab: `${lab.url}/${query}`, size });
  await page.goto(`${host.url}/embed-demo.html?${params}`);
  const log = page.getByTestId('embed-demo-log');
  await expect(log.locator('[data-type=ready]')).toHaveCount(1);
  const frame = page.frameLocator('[data-testid=embed-demo-frame]');
  return { log, frame };
}

const received = (log, type) => log.locator(`[data-direction="←"][data-type=${type}]`);
const instances = (frame) => frame.getByTestId('diagram').locator('[data-kind=instance]');

/** Collects errors of every frame of `page`: uncaught exceptions and panics. */
function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // A failed request is judged by its response below (the demo page has no favicon).
    if (/Failed to load resource/.test(message.text())) return;
    if (message.type() === 'error' || /panicked/.test(message.text())) errors.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) errors.push(`${response.status()} ${response.url()}`);
  });
  return errors;
}

for (const [width, height] of [[400, 300], [1280, 720]]) {
  test(`at ${width}x${height} the demo loads a topology, traces and gets it back, and the events arrive`, async ({ page }) => {
    await page.setViewportSize({ width: Math.max(width + 520, 800), height: height + 560 });
    const errors = watchErrors(page);
    const { log, frame } = await openDemo(page, { size: `${width}x${height}` });
    await expect(instances(frame)).toHaveCount(3);
    await expect(frame.locator('.app-header')).toHaveCount(0);
    await expect(frame.locator('.toolbar')).toHaveCount(0);
    await expect(frame.locator('.panel-section.log')).toHaveCount(0);
    await shot(page, `embed-${width}x${height}-ready`);

    await page.getByTestId('demo-load-topology').click();
    await expect(received(log, 'reply')).toHaveCount(1);
    await expect(instances(frame)).toHaveCount(6);

    await page.getByTestId('demo-trace').click();
    await expect(received(log, 'traceResult')).toHaveCount(1);
    await expect(received(log, 'traceResult')).toContainText('"id":"demo-2"');
    await expect(received(log, 'traceResult')).toContainText('"verdict":"reachable"');
    await expect(frame.getByTestId('trace-verdict')).toBeVisible();
    await expect(frame.getByTestId('trace-step')).toHaveText(/^(\d+) \/ \1$/);
    await shot(page, `embed-${width}x${height}-traced`);

    await page.getByTestId('demo-get-topology').click();
    await expect(received(log, 'reply').nth(1)).toContainText('reply #demo-3: topology with 2 VPC(s), 4 VSwitch(es), 6 instance(s)');

    await page.getByTestId('demo-select').click();
    await expect(received(log, 'reply')).toHaveCount(3);
    await expect(frame.getByTestId('properties')).toContainText('vsw-0002');
    expect(errors).toEqual([]);
  });
}

test('a visitor edit in the frame is told to the page as changed, with the API action', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  const { log, frame } = await openDemo(page, { size: '1280x720' });
  await instances(frame).filter({ has: frame.locator('xpath=self::*[contains(@aria-label, "VM2")]') }).click();
  await frame.getByTestId('properties').getByTestId('delete').click();
  await expect(instances(frame)).toHaveCount(2);
  await expect(received(log, 'changed')).toHaveCount(1);
  await expect(received(log, 'changed')).toContainText('"action":"DeleteInstance"');
});

/** Sends `message` from the demo page to the vpclab frame it holds. */
async function send(page, message) {
  await page.evaluate(({ request, labOrigin }) => {
    const frame = document.querySelector('[data-testid=embed-demo-frame]');
    frame.contentWindow.postMessage({ vpclab: 'embed', version: 1, ...request }, labOrigin);
  }, { request: message, labOrigin: lab.url });
}

test('a course page opens a lesson by message, moves between its steps, and hears each step passed and the score', async ({ page }) => {
  test.setTimeout(60_000);
  const lesson = JSON.parse(require('fs').readFileSync(path.join(__dirname, '..', '..', 'lessons', 'plan-cidrs.json'), 'utf8'));
  await page.setViewportSize({ width: 1400, height: 1000 });
  const errors = watchErrors(page);
  const { log, frame } = await openDemo(page, { size: '1280x720' });
  const panel = frame.getByTestId('lesson');

  await send(page, { id: 'open', type: 'loadLesson', lesson: 'plan-cidrs' });
  await expect(received(log, 'reply')).toHaveCount(1);
  await expect(received(log, 'reply')).toContainText('"id":"open"');
  await expect(panel).toHaveAttribute('data-lesson', 'plan-cidrs');
  await expect(panel).toHaveAttribute('data-step', '1');

  await send(page, { id: 'to-9', type: 'goToStep', step: 9 });
  await expect(received(log, 'reply')).toHaveCount(2);
  await expect(panel).toHaveAttribute('data-step', '9');
  await send(page, { id: 'too-far', type: 'goToStep', step: 99 });
  await expect(received(log, 'error')).toContainText('"code":"noSuchStep"');
  await expect(panel).toHaveAttribute('data-step', '9');

  // From the first step to the end in the frame: "show me" for a task (no point), the
  // right choice for a prediction (a point).
  await send(page, { id: 'to-1', type: 'goToStep', step: 1 });
  await expect(panel).toHaveAttribute('data-step', '1');
  for (const [index, step] of lesson.steps.entries()) {
    await expect(panel).toHaveAttribute('data-step', String(index + 1));
    if (step.do) {
      await frame.getByTestId('lesson-show-me').click();
    } else if (step.predict) {
      await frame.getByTestId('lesson-choices').getByRole('button').nth(step.predict.answer).click();
    }
    if (!step.show) {
      await expect(panel.locator('.lesson-step')).toHaveAttribute('data-passed', 'true');
      await expect(received(log, 'lessonStepPassed').last()).toContainText(`"step":${index + 1}`);
    }
    if (index + 1 < lesson.steps.length) await frame.getByTestId('lesson-next').click();
  }
  const scored = lesson.steps.filter((step) => !step.show);
  const predicted = lesson.steps.filter((step) => step.predict);
  await expect(received(log, 'lessonStepPassed')).toHaveCount(scored.length);
  await expect(received(log, 'lessonStepPassed').first()).toContainText('"lesson":"plan-cidrs"');
  await expect(received(log, 'lessonCompleted')).toHaveCount(1);
  await expect(received(log, 'lessonCompleted')).toContainText(
    `"score":{"out_of":${scored.length},"points":${predicted.length}}`);
  await shot(page, 'embed-lesson-completed');
  expect(errors).toEqual([]);
});

test('a message from an origin that is not allowed is ignored and counted, never answered', async ({ page }) => {
  const { log } = await openDemo(page);
  // A second frame of vpclab that allows only another page: this page is foreign to it.
  const answers = await page.evaluate(async (labUrl) => {
    const frame = document.createElement('iframe');
    frame.src = `${labUrl}/?embed=1&allowOrigin=${encodeURIComponent('https://tutorials.example.org')}`;
    frame.dataset.testid = 'foreign';
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve));
    document.body.append(frame);
    await loaded;
    const seen = [];
    window.addEventListener('message', (event) => {
      if (event.source === frame.contentWindow) seen.push(event.data);
    });
    window.foreignFrame = frame;
    return seen.length;
  }, lab.url);
  expect(answers).toBe(0);
  const foreign = page.frame({ url: /allowOrigin=https%3A%2F%2Ftutorials/ });
  await expect.poll(() => foreign.evaluate(() => document.querySelectorAll('[data-kind=instance]').length)).toBe(3);
  await page.evaluate((labOrigin) => {
    window.foreignAnswers = [];
    window.addEventListener('message', (event) => {
      if (event.source === window.foreignFrame.contentWindow) window.foreignAnswers.push(event.data);
    });
    const request = { vpclab: 'embed', version: 1, id: 'intruder', type: 'loadTopology', text: '{}' };
    window.foreignFrame.contentWindow.postMessage(request, labOrigin);
    window.foreignFrame.contentWindow.postMessage({ vpclab: 'embed', version: 1, id: 'q', type: 'getTopology' }, labOrigin);
  }, lab.url);
  await expect.poll(() => foreign.evaluate(() => document.documentElement.dataset.ignoredMessages)).toBe('2');
  expect(await page.evaluate(() => window.foreignAnswers)).toEqual([]);
  await expect.poll(() => foreign.evaluate(() => document.querySelectorAll('[data-kind=instance]').length)).toBe(3);

  // The allowed page's malformed messages are ignored and counted too; one with an id
  // gets an error answer.
  const demoFrame = page.frame({ url: /allowOrigin=http%3A%2F%2F127/ });
  await page.evaluate((labOrigin) => {
    const frame = document.querySelector('[data-testid=embed-demo-frame]');
    frame.contentWindow.postMessage('hello', labOrigin);
    frame.contentWindow.postMessage({ vpclab: 'embed', version: 1, id: 'bad', type: 'goToStep', step: 0 }, labOrigin);
  }, lab.url);
  await expect.poll(() => demoFrame.evaluate(() => document.documentElement.dataset.ignoredMessages)).toBe('2');
  await expect(received(log, 'error')).toContainText('"code":"badMessage"');
});

test('with storage blocked in the frame (localStorage throws), the embed works and shows no storage error', async ({ browser }) => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    if (window !== window.top) {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    }
  });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const { log, frame } = await openDemo(page, { size: '400x300' });
  await expect(instances(frame)).toHaveCount(3);
  await page.getByTestId('demo-load-scenario').click();
  await expect(received(log, 'reply')).toHaveCount(1);
  await expect(instances(frame)).toHaveCount(3);
  await expect(frame.getByTestId('diagram').locator('[data-kind=vswitch]')).toHaveCount(2);
  await expect(frame.getByTestId('notice')).toHaveCount(0);
  expect(await frame.locator('body').evaluate(() => {
    try {
      return typeof window.localStorage;
    } catch (error) {
      return error.name;
    }
  })).toBe('SecurityError');
  await shot(page, 'embed-storage-blocked');
  expect(errors).toEqual([]);
  await context.close();
});

test("the visitor's own saved network and preferences are untouched by using the embed", async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`${lab.url}/`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await instances(page).filter({ has: page.locator('xpath=self::*[contains(@aria-label, "VM2")]') }).click();
  await page.getByTestId('properties').getByTestId('delete').click();
  await expect(page.getByTestId('save-status')).toHaveText('Saved');
  const before = await page.evaluate(() => ({ ...localStorage }));
  expect(before['vpclab:topology']).toBeTruthy();

  const { log, frame } = await openDemo(page, { size: '1280x720', query: '?lang=es' });
  await expect(instances(frame)).toHaveCount(3);
  await page.getByTestId('demo-load-scenario').click();
  await expect(received(log, 'reply')).toHaveCount(1);
  await instances(frame).first().click();
  await frame.getByTestId('properties').getByTestId('delete').click();
  await expect(received(log, 'changed')).toHaveCount(1);

  await page.goto(`${lab.url}/`);
  const after = await page.evaluate(() => ({ ...localStorage }));
  expect(after['vpclab:topology']).toBe(before['vpclab:topology']);
  expect(after['vpclab:preferences']).toBe(before['vpclab:preferences']);
  expect(after['vpclab:lessons:open']).toBe(before['vpclab:lessons:open']);
  // The frame kept its own network under its own key: the scenario's, less one instance.
  expect(JSON.parse(after['vpclab:embed:blank']).instances).toHaveLength(2);
  await expect(instances(page)).toHaveCount(2);
});

test('readonly=1 refuses edits and says so, in English and in Spanish', async ({ page }) => {
  for (const [lang, words] of [['en', 'read-only'], ['es', 'solo lectura']]) {
    await page.goto(`${lab.url}/?embed=1&readonly=1&lang=${lang}`);
    await instances(page).first().click();
    await page.getByTestId('properties').getByTestId('delete').click();
    await expect(page.getByTestId('notice')).toContainText(words);
    await expect(instances(page)).toHaveCount(3);
    await page.keyboard.press('Control+z');
    await expect(instances(page)).toHaveCount(3);
  }
});

test('topology= opens a published document, and a missing one is explained in the frame', async ({ page }) => {
  await page.goto(`${lab.url}/?embed=1&topology=embed-demo-network.json`);
  await expect(instances(page)).toHaveCount(6);
  await page.goto(`${lab.url}/?embed=1&topology=missing.json&lang=es`);
  await expect(page.getByTestId('notice')).toContainText('No se pudo descargar la red de missing.json');
  await expect(page.getByTestId('notice')).toContainText('HTTP 404');
  await page.goto(`${lab.url}/?embed=1&topology=javascript%3Aalert(1)`);
  await expect(page.getByTestId('notice')).toContainText('"javascript:" addresses are not loaded');
  await expect(instances(page)).toHaveCount(3);
  // The same address in Spanish is explained wholly in Spanish, down to what is wrong with it.
  await page.goto(`${lab.url}/?embed=1&topology=javascript%3Aalert(1)&lang=es`);
  await expect(page.getByTestId('notice')).toContainText('La dirección de este marco tiene un problema');
  await expect(page.getByTestId('notice')).toContainText('las direcciones «javascript:» no se cargan');
  await page.goto(`${lab.url}/?embed=1&step=0&lang=es`);
  await expect(page.getByTestId('notice')).toContainText('step=0: se esperaba un número de paso desde 1');
  await shot(page, 'embed-address-problem-es');
  await expect(instances(page)).toHaveCount(3);
});

test('edit=1 shows the editor inside the frame', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  const { frame } = await openDemo(page, { size: '1280x720', query: '?edit=1' });
  await expect(frame.locator('.app-header')).toHaveCount(1);
  await expect(frame.locator('.toolbar')).toHaveCount(1);
});

for (const [size, lang] of [['400x300', 'es'], ['320x240', 'en'], ['320x240', 'es'], ['1280x720', 'es']]) {
  test(`the embed fits a ${size} frame in ${lang}, selection and trace included`, async ({ page }) => {
    const [width, height] = size.split('x').map(Number);
    await page.setViewportSize({ width: Math.max(width + 520, 800), height: height + 560 });
    const { log, frame } = await openDemo(page, { size, query: `?lang=${lang}` });
    await expect(instances(frame)).toHaveCount(3);
    const box = await frame.getByTestId('diagram').boundingBox();
    // The whole frame, or beside the details column (320 px) in a wide one.
    expect(box.width).toBeGreaterThanOrEqual(width >= 900 ? width - 320 : width);
    await page.getByTestId('demo-trace').click();
    await expect(received(log, 'traceResult')).toHaveCount(1);
    await expect(frame.getByTestId('trace-verdict')).toBeVisible();
    await shot(page, `embed-${size}-${lang}-traced`);
  });
}
