// The Spanish walk: with ?lang=es, forms with rejected values, a trace that passes and one
// that is blocked, and the properties of one element of each kind show none of the English
// texts of the catalogue (tests/e2e/english-catalogue.json, written from src/text/ by
// `UPDATE_CATALOGUE=1 cargo test --lib text::tests`, and checked against it by that test).
const { test, expect } = require('@playwright/test');
const { shot } = require('./helpers');
const catalogue = require('./english-catalogue.json');

const diagram = (page) => page.getByTestId('diagram');
const instance = (page, name) => diagram(page).locator(`[data-kind=instance][aria-label*="${name},"]`);

/** Everything a person reads or hears on the page: its text, aria-labels and tooltips. */
async function screenWords(page) {
  return page.evaluate(() => {
    const words = [document.body.innerText];
    for (const element of document.querySelectorAll('[aria-label], [title]')) {
      words.push(element.getAttribute('aria-label') || '', element.getAttribute('title') || '');
    }
    return words.join('\n');
  });
}

/** Fails with every English catalogue text found on the screen named `where`. */
async function expectNoEnglish(page, where) {
  const words = await screenWords(page);
  const found = [
    ...catalogue.sentences.filter((sentence) => words.includes(sentence)),
    ...catalogue.phrases.filter((phrase) => words.includes(phrase)),
    ...catalogue.names.filter((name) => words.includes(name)),
  ];
  expect(found, `English catalogue texts on the Spanish screen "${where}"`).toEqual([]);
}

async function openForm(page, action) {
  await page.getByTestId('toolbar').locator(`[data-action=${action}]`).click();
  await expect(page.getByTestId('form')).toHaveAttribute('data-action', action);
}

async function fill(page, param, value) {
  const field = page.getByTestId('form').locator(`[name=${param}]`);
  if ((await field.evaluate((element) => element.tagName)) === 'SELECT') {
    await field.selectOption(value);
  } else {
    await field.fill(value);
  }
}

/** Fills a form with values the model refuses, and checks the Spanish rejection. */
async function rejected(page, action, values, code, name) {
  await openForm(page, action);
  for (const [param, value] of Object.entries(values)) {
    await fill(page, param, value);
  }
  const rejection = page.getByTestId('rejection');
  await expect(rejection).toHaveAttribute('data-code', code);
  await expect(rejection.locator('.rule')).toContainText('Regla:');
  await expectNoEnglish(page, name);
  await shot(page, `spanish-${name}`);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('form')).toHaveCount(0);
}

test.use({ viewport: { width: 1400, height: 900 } });

test.beforeEach(async ({ page }) => {
  await page.goto('/?lang=es');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
});

test('the catalogue export holds English texts to look for', () => {
  expect(catalogue.sentences.length).toBeGreaterThan(50);
  expect(catalogue.phrases.length).toBeGreaterThan(50);
  expect(catalogue.names).toContain('India (Mumbai)');
});

test('in Spanish, the first screen and rejected forms show no English catalogue text', async ({ page }) => {
  await expect(diagram(page).locator('[data-kind=region]')).toContainText('India (Bombay)');
  await expectNoEnglish(page, 'first screen');

  await rejected(page, 'CreateVSwitch', { CidrBlock: '192.168.1.128/25' }, 'InvalidCidrBlock.Overlapped', 'vswitch-overlap');
  await rejected(page, 'CreateVSwitch', { CidrBlock: '192.168.9.0/24', VSwitchName: 'http://x' }, 'InvalidVSwitchName.Malformed', 'vswitch-bad-name');
  await rejected(page, 'CreateVpc', { CidrBlock: '10.0.0.0/30' }, 'InvalidCidrBlock.MaskOutOfRange', 'vpc-mask');
  await rejected(page, 'CreateVpc', { CidrBlock: '10.0.0.1/8' }, 'InvalidCidrBlock.Malformed', 'vpc-host-bits');
  await rejected(page, 'RunInstances', { PrivateIpAddress: '192.168.1.255' }, 'InvalidPrivateIpAddress.Reserved', 'ecs-reserved-address');
});

test('in Spanish, a trace that passes and one that is blocked show no English catalogue text', async ({ page }) => {
  await page.getByTestId('open-trace').click();
  await expect(page.getByTestId('trace-panel')).toBeVisible();
  await instance(page, 'VM1').click();
  await instance(page, 'VM3').click();
  const verdict = page.getByTestId('trace-verdict');
  await expect(verdict).toHaveAttribute('data-reachable', 'true');
  await expect(page.getByTestId('trace-hops')).toContainText('ruta del sistema');
  await expect(page.getByTestId('trace-step')).toHaveText('5 / 5', { timeout: 10_000 });
  await expectNoEnglish(page, 'trace passes');
  await shot(page, 'spanish-trace-passes');

  await page.locator('[name=trace-source]').selectOption('i-0002');
  await page.locator('[name=trace-destination]').selectOption('internet');
  await page.locator('[name=trace-port]').fill('443');
  await page.locator('[name=trace-port]').press('Enter');
  await expect(verdict).toHaveAttribute('data-reachable', 'false');
  await expect(verdict).toContainText('Bloqueado');
  await expectNoEnglish(page, 'trace blocked');
  await shot(page, 'spanish-trace-blocked');
});

test('in Spanish, the properties of an element of each kind show no English catalogue text', async ({ page }) => {
  const kinds = await diagram(page).locator('[data-kind]').evaluateAll((shapes) =>
    [...new Set(shapes.map((shape) => shape.getAttribute('data-kind')))]);
  expect(kinds.length).toBeGreaterThan(5);
  for (const kind of kinds) {
    const shape = diagram(page).locator(`[data-kind=${kind}]`).first();
    // Boxes are selected by their title strip (their middle is covered by their contents).
    await shape.click({ position: { x: 10, y: 8 } });
    await expect(page.getByTestId('properties')).not.toBeEmpty();
    await expectNoEnglish(page, `properties of ${kind}`);
  }
  await shot(page, 'spanish-properties');
});

test('in Spanish on a phone and a projector, the diagram names places in Spanish', async ({ page }) => {
  for (const [width, height] of [[390, 844], [1024, 768]]) {
    await page.setViewportSize({ width, height });
    await expect(diagram(page).locator('[data-kind=region]')).toContainText('India (Bombay)');
    await expectNoEnglish(page, `${width}x${height}`);
    await shot(page, `spanish-${width}x${height}`);
  }
});
