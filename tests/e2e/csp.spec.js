// The Content-Security-Policy of the built page: the page runs whole under it (start,
// edit through the forms, trace, animate the packet) without a single violation, and the
// policy really is enforced (an inline style or script put into the page is refused).
const { test, expect } = require('@playwright/test');
const { shot } = require('./helpers');

const POLICY = new RegExp(
  '^' +
    [
      "default-src 'self'",
      "script-src 'self' ('sha256-[A-Za-z0-9+/]{43}=' )+'wasm-unsafe-eval'",
      "style-src 'self'",
      "img-src 'self' data: blob:",
      "connect-src 'self' https:",
      "object-src 'none'",
      "base-uri 'none'",
    ]
      .join('; ') +
    '$',
);

/** Records every CSP violation from before the first script of the page runs. */
async function watchViolations(page) {
  // Init scripts run before the page's own (and are not subject to its policy).
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
    });
  });
  const messages = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) messages.push(message.text());
  });
  return messages;
}

const diagram = (page) => page.getByTestId('diagram');

/** Opens the toolbar form for `action`, sets fields by parameter name, and submits. */
async function createThroughForm(page, action, fields) {
  await page.getByTestId('toolbar').locator(`[data-action=${action}]`).click();
  const form = page.getByTestId('form');
  await expect(form).toHaveAttribute('data-action', action);
  for (const [name, value] of Object.entries(fields)) {
    const field = form.locator(`[name=${name}]`);
    if ((await field.evaluate((element) => element.tagName)) === 'SELECT') {
      await field.selectOption(value);
    } else {
      await field.fill(value);
    }
  }
  await expect(page.getByTestId('form-ok')).toBeVisible();
  await page.getByTestId('form-submit').click();
  await expect(form).toHaveCount(0);
}

test('the built page carries the policy with the hash of its one inline script', async ({ page }) => {
  await page.goto('/');
  const meta = page.locator('meta[http-equiv="Content-Security-Policy"]');
  await expect(meta).toHaveCount(1);
  const policy = await meta.getAttribute('content');
  expect(policy).toMatch(POLICY);
  // The meta comes before every script, so it governs all of them.
  const order = await page.evaluate(() =>
    [...document.querySelectorAll('meta[http-equiv], script')].map((element) => element.tagName),
  );
  expect(order[0]).toBe('META');
  // Every inline script of the page is allowed by one of the hashes, and nothing else is inline.
  const inline = await page.evaluate(() =>
    [...document.scripts].filter((script) => !script.src).map((script) => script.textContent),
  );
  expect(inline.length).toBeGreaterThan(0);
  for (const text of inline) {
    const digest = await page.evaluate(async (source) => {
      const bytes = new TextEncoder().encode(source);
      const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      return btoa(String.fromCharCode(...hash));
    }, text);
    expect(policy).toContain(`'sha256-${digest}'`);
  }
  // No style attribute in the markup: the only styles are those the app sets through the
  // CSS object model, which the policy allows (the view's transform on the viewport group).
  const styled = await page.evaluate(() => [...document.querySelectorAll('[style]')]
    .map((element) => element.getAttribute('class')));
  expect(styled).toEqual(['viewport']);
});

test('editing, tracing and the packet animation run with zero policy violations', async ({ page }) => {
  const messages = await watchViolations(page);
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(diagram(page).locator('[data-kind=instance]')).toHaveCount(3);

  // Edit through the forms: a VSwitch in zone b of the article's VPC, and an instance in it.
  await createThroughForm(page, 'CreateVSwitch', {
    VpcId: 'vpc-0001',
    ZoneId: 'ap-south-1b',
    CidrBlock: '192.168.7.0/24',
    VSwitchName: 'csp-vsw',
  });
  await expect(diagram(page).locator('[data-kind=vswitch]')).toHaveCount(3);
  await page.getByTestId('properties').locator('[data-action=RunInstances]').click();
  await page.getByTestId('form').locator('[name=InstanceName]').fill('csp-vm');
  await page.getByTestId('form-submit').click();
  await expect(page.getByTestId('form')).toHaveCount(0);
  await expect(diagram(page).locator('[data-kind=instance]')).toHaveCount(4);

  // Trace from VM1 to the new instance and let the packet play to the end.
  await page.getByTestId('open-trace').click();
  await page.locator('[name=trace-source]').selectOption('i-0001');
  const newInstance = await diagram(page)
    .locator('[data-kind=instance][aria-label*="csp-vm"]')
    .getAttribute('data-id');
  await page.locator('[name=trace-destination]').selectOption(newInstance);
  await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-reachable', 'true');
  await expect(page.getByTestId('trace-step')).toHaveText('5 / 5', { timeout: 10_000 });
  const packet = page.getByTestId('packet');
  await expect(packet).toBeVisible();
  // The packet is placed through the CSS object model, which the policy allows (a style
  // attribute in the markup would be refused: see the last test).
  const transform = await packet.evaluate((element) => getComputedStyle(element).transform);
  expect(transform).not.toBe('none');
  // Step back and forth: each move is a CSSOM change, still no violation.
  await page.getByTestId('trace-back').click();
  await expect(page.getByTestId('trace-step')).toHaveText('4 / 5');
  await page.getByTestId('trace-forward').click();
  await expect(page.getByTestId('trace-step')).toHaveText('5 / 5');
  await page.locator('[data-lang=es]').click();
  await expect(page.getByTestId('trace-verdict')).toBeVisible();
  await shot(page, 'csp-trace-es');

  expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
  expect(messages).toEqual([]);
});

test('the policy is enforced: an inline style attribute and an inline script are refused', async ({ page }) => {
  // Proves the listener above would see a violation: the zero is not an empty net.
  await watchViolations(page);
  await page.goto('/');
  await expect(diagram(page)).toBeVisible();
  const ran = await page.evaluate(async () => {
    const styled = document.createElement('div');
    styled.setAttribute('style', 'color: red');
    document.body.append(styled);
    const script = document.createElement('script');
    script.textContent = 'window.inlineScriptRan = true;';
    document.body.append(script);
    // Violations are reported asynchronously.
    await new Promise((resolve) => setTimeout(resolve, 100));
    return window.inlineScriptRan === true;
  });
  expect(ran).toBe(false);
  await expect
    .poll(() => page.evaluate(() => window.cspViolations.map((line) => line.split(' ')[0]).sort()))
    .toEqual(['script-src-elem', 'style-src-attr']);
});
