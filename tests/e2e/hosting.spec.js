// Host anywhere: the release build, copied unchanged under a sub-path of another server
// (/labs/vpclab/, as a tutorial site would publish it), starts and draws the article's
// network with every asset found and no Content-Security-Policy violation. Trunk's
// public URL is "./" (Trunk.toml), so every asset URL in index.html is relative.
const path = require('path');
const { test, expect } = require('@playwright/test');
const { serve } = require('./static-server');
const { shot } = require('./helpers');

// Playwright's own server is on E2E_PORT; this journey's is on the next port.
const PORT = Number(process.env.E2E_PORT || 4173) + 1;
const PREFIX = '/labs/vpclab/';
const DIST = path.join(__dirname, '..', '..', 'dist');

let server;
test.beforeAll(async () => {
  server = await serve(PORT, { [PREFIX]: DIST });
});
test.afterAll(async () => {
  await server.close();
});

/** Watches a page for failed requests, HTTP errors and CSP violations (in every frame). */
async function watch(page) {
  const problems = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`csp-violation ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.on('console', (message) => {
    if (/csp-violation|Content.Security.Policy/i.test(message.text())) problems.push(message.text());
  });
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

for (const entry of ['', 'index.html?lang=es']) {
  test(`served under ${PREFIX}${entry}, the app starts and draws the article network`, async ({ page }) => {
    const problems = await watch(page);
    const first = server.requests.length;
    await page.goto(`${server.url}${PREFIX}${entry}`);
    const diagram = page.getByTestId('diagram');
    await expect(diagram.locator('[data-kind=instance]')).toHaveCount(3);
    await expect(diagram.locator('[data-kind=vswitch]')).toHaveCount(2);
    await shot(page, `hosting-sub-path${entry ? '-es' : ''}`);
    expect(problems).toEqual([]);
    // Every request stayed under the sub-path: nothing asked for at the server's root.
    const outside = server.requests.slice(first).filter((request) => !request.startsWith(PREFIX));
    expect(outside).toEqual([]);
  });
}

test('the sub-path without its trailing slash is redirected to it and works', async ({ page }) => {
  const problems = await watch(page);
  await page.goto(`${server.url}${PREFIX.slice(0, -1)}`);
  await expect(page).toHaveURL(`${server.url}${PREFIX}`);
  await expect(page.getByTestId('diagram').locator('[data-kind=instance]')).toHaveCount(3);
  expect(problems).toEqual([]);
});

test('the embedding demo page is published beside the app and loads it in its frame', async ({ page }) => {
  const problems = await watch(page);
  await page.goto(`${server.url}${PREFIX}embed-demo.html`);
  await expect(page.getByTestId('embed-demo-frame')).toBeVisible();
  const lab = page.frameLocator('[data-testid=embed-demo-frame]');
  await expect(lab.getByTestId('diagram').locator('[data-kind=instance]')).toHaveCount(3);
  const src = await page.getByTestId('embed-demo-frame').getAttribute('src');
  expect(src).toContain('embed=1');
  expect(src).toContain(`allowOrigin=${encodeURIComponent(server.url)}`);
  await shot(page, 'hosting-embed-demo');
  expect(problems).toEqual([]);
});
