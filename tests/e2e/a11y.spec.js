// Accessibility: axe-core's WCAG 2.1 A and AA rules on every screen a student meets, in
// English and in Spanish, at the laptop and phone sizes; and a trace that a screen-reader
// user can follow as text.
const { test, expect } = require('@playwright/test');
const { AxeBuilder } = require('@axe-core/playwright');

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// An axe scan of the first-run diagram (hundreds of SVG nodes) takes 20-25 s on a 2-core
// machine; a screen runs several scans, so the default 30 s is not enough under load.
test.describe.configure({ timeout: 120_000 });

const diagram = (page) => page.getByTestId('diagram');
const instance = (page, name) =>
  diagram(page).locator(`[data-kind=instance][aria-label*="${name},"]`);

/** Runs axe on the page and fails with every violation listed (rule, impact, nodes). */
async function expectNoViolations(page, screen) {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const found = results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
  }));
  expect(found, `${screen}: ${JSON.stringify(found, null, 2)}`).toEqual([]);
  // Something was really checked: axe passed rules on this screen.
  expect(results.passes.length, screen).toBeGreaterThan(10);
}

/** On a narrow screen the toolbar is a drawer: opens it when it is closed. */
async function openTools(page) {
  const toolbar = page.getByTestId('toolbar');
  if (!(await toolbar.isVisible())) await page.getByTestId('open-tools').click();
  await expect(toolbar).toBeVisible();
}

async function fresh(page, language) {
  await page.goto(`/?lang=${language}`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(diagram(page)).toBeVisible();
}

for (const language of ['en', 'es']) {
  for (const [width, height] of [[1400, 900], [390, 844]]) {
    test(`${language} ${width}x${height}: the first screen, a selection, a rejected form and a trace have no WCAG 2.1 AA violations`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await fresh(page, language);
      await expectNoViolations(page, 'first screen');

      await instance(page, 'VM1').click();
      await expect(page.getByTestId('properties')).toBeVisible();
      await expectNoViolations(page, 'an instance selected');

      await page.keyboard.press('Escape');
      await diagram(page).locator('[data-kind=vswitch]').first().click({ position: { x: 14, y: 10 } });
      await openTools(page);
      await page.getByTestId('toolbar').locator('[data-action=CreateVSwitch]').click();
      const form = page.getByTestId('form');
      await expect(form).toBeVisible();
      await form.locator('[name=CidrBlock]').fill('192.168.8.0/30');
      await expect(page.getByTestId('rejection')).toHaveAttribute('data-code', 'InvalidCidrBlock.MaskOutOfRange');
      await expectNoViolations(page, 'a form with a rejection');
      await page.keyboard.press('Escape');
      await expect(form).toBeHidden();

      if (!(await page.getByTestId('open-trace').isVisible())) await openTools(page);
      await page.getByTestId('open-trace').click();
      await expect(page.getByTestId('trace-panel')).toBeVisible();
      await page.locator('[name=trace-source]').selectOption('i-0001');
      await page.locator('[name=trace-destination]').selectOption('i-0003');
      await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-reachable', 'true');
      await expectNoViolations(page, 'the trace panel');
    });
  }
}

test('a trace reads as text: the verdict is announced and every hop is a list item', async ({ page }) => {
  await fresh(page, 'en');
  await page.getByTestId('open-trace').click();
  await page.locator('[name=trace-source]').selectOption('i-0002');
  await page.locator('[name=trace-destination]').selectOption('internet');
  const verdict = page.getByTestId('trace-verdict');
  await expect(verdict).toHaveAttribute('data-reachable', 'false');
  // A live region announces the verdict without moving the focus.
  await expect(page.locator('[aria-live] [data-testid=trace-verdict], [data-testid=trace-verdict][aria-live], [data-testid=trace-verdict][role=status]')).toHaveCount(1);
  await expect(verdict).not.toBeEmpty();
  const hops = page.getByTestId('trace-hops').locator('li');
  expect(await hops.count()).toBeGreaterThan(0);
  for (const text of await hops.allInnerTexts()) expect(text.trim()).not.toBe('');
});

test('every control is reachable by keyboard and shows where the focus is', async ({ page }) => {
  await fresh(page, 'en');
  const seen = new Set();
  for (let press = 0; press < 60; press += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      if (!element || element === document.body) return null;
      const style = getComputedStyle(element);
      const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      const shadow = style.boxShadow && style.boxShadow !== 'none';
      // A diagram shape shows its focus on its outline: a thick accent stroke.
      const rect = element instanceof SVGElement ? element.querySelector('rect') : null;
      const stroke = rect !== null && parseFloat(getComputedStyle(rect).strokeWidth) >= 3;
      return {
        key: element.getAttribute('data-testid') || element.getAttribute('data-action') || element.getAttribute('aria-label') || element.tagName,
        visible: ring || shadow || stroke,
      };
    });
    if (!focused) continue;
    expect(focused.visible, `focus ring on ${focused.key}`).toBe(true);
    seen.add(focused.key);
  }
  // The toolbar, the diagram's elements and the header's controls are all on the way.
  expect(seen.size).toBeGreaterThan(10);
});

for (const language of ['en', 'es']) {
  test(`${language}: the lesson panel, a failed check, a prediction and presenter mode have no WCAG 2.1 AA violations`, async ({ page }) => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(`/?lesson=ecs-networking&lang=${language}`);
    const lesson = page.getByTestId('lesson');
    await expect(lesson).toHaveAttribute('data-lesson', 'ecs-networking');
    await expectNoViolations(page, 'the lesson panel');
    // Walk to the first `do` step and check the work before doing it: the explanation shows.
    for (let step = 0; step < 17 && (await page.getByTestId('lesson-check').count()) === 0; step += 1) {
      if (await page.getByTestId('lesson-choices').count()) {
        await page.getByTestId('lesson-choices').getByRole('button').first().click();
        await expectNoViolations(page, 'a prediction answered');
      }
      await page.getByTestId('lesson-next').click();
    }
    await page.getByTestId('lesson-check').click();
    await expect(page.getByTestId('lesson-verdict')).not.toBeEmpty();
    await expectNoViolations(page, 'a failed check with its explanation');
    await page.getByTestId('lesson-presenter').click();
    await expect(page.getByTestId('lesson-presenter')).toHaveAttribute('aria-pressed', 'true');
    await expectNoViolations(page, 'presenter mode');
  });
}
