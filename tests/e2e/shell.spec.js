// The app shell: it renders, and what the user changes survives a reload.
const { test, expect } = require('@playwright/test');
const { shot } = require('./helpers');

test('the shell renders and the chosen language survives a reload', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('.product')).toHaveText('vpclab');
  await expect(page.getByTestId('toolbar')).toBeVisible();
  await expect(page.getByTestId('diagram')).toBeVisible();
  await expect(page.getByTestId('properties')).toBeVisible();
  // The canvas fills the space between the toolbar and the side panel.
  const box = await page.getByTestId('diagram').boundingBox();
  expect(box.width).toBeGreaterThan(600);
  expect(box.height).toBeGreaterThan(600);
  await shot(page, 'shell-first-visit');

  await page.locator('[data-lang=es]').click();
  await expect(page.locator('.tagline')).toHaveText('Laboratorio de VPC de Alibaba Cloud');
  await expect(page.getByTestId('save-status')).toHaveText('Guardado');

  await page.reload();
  await expect(page.locator('.tagline')).toHaveText('Laboratorio de VPC de Alibaba Cloud');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.locator('[data-lang=es]')).toHaveAttribute('aria-pressed', 'true');
  await shot(page, 'shell-after-reload-spanish');
});

test('zoom buttons and fit-to-screen change the view scale', async ({ page }) => {
  await page.goto('/');
  const diagram = page.getByTestId('diagram');
  const scale = async () => Number(await diagram.getAttribute('data-scale'));
  // Once the canvas is measured the layout is arranged for it and fitted: wait until the
  // view settles.
  let fitted = 0;
  await expect
    .poll(
      async () => {
        const now = await scale();
        const settled = now === fitted;
        fitted = now;
        return settled;
      },
      { intervals: [250] },
    )
    .toBe(true);
  expect(fitted).toBeGreaterThan(0);
  await page.getByTestId('zoom-in').click();
  await expect.poll(scale).toBeCloseTo(Math.min(fitted * 1.2, 4), 2);
  await page.getByTestId('zoom-out').click();
  await page.getByTestId('zoom-out').click();
  await expect.poll(scale).toBeCloseTo(fitted / 1.2, 2);
  await page.getByTestId('zoom-fit').click();
  await expect.poll(scale).toBeCloseTo(fitted, 2);
  // The wheel zooms too.
  await diagram.hover();
  await page.mouse.wheel(0, -100);
  await expect.poll(scale).toBeGreaterThan(fitted);
});

test('two fingers pinch-zoom the diagram, and dragging the background pans it', async ({ page }) => {
  await page.goto('/');
  const diagram = page.getByTestId('diagram');
  const scale = async () => Number(await diagram.getAttribute('data-scale'));
  // Wait for the first fit (it follows the canvas's first measured size), so the pinch
  // starts from the scale it is compared with.
  await expect.poll(async () => {
    const first = await scale();
    await page.waitForTimeout(250);
    return first === (await scale());
  }).toBe(true);
  const before = await scale();
  const background = diagram.locator('rect.background');
  const box = await diagram.boundingBox();
  const at = (dx, dy) => ({ clientX: box.x + box.width / 2 + dx, clientY: box.y + 60 + dy, bubbles: true, isPrimary: false, pointerType: 'touch' });
  await background.dispatchEvent('pointerdown', { ...at(-40, 0), pointerId: 11 });
  await background.dispatchEvent('pointerdown', { ...at(40, 0), pointerId: 12 });
  await background.dispatchEvent('pointermove', { ...at(-80, 0), pointerId: 11 });
  await background.dispatchEvent('pointermove', { ...at(80, 0), pointerId: 12 });
  await background.dispatchEvent('pointerup', { ...at(-80, 0), pointerId: 11 });
  await background.dispatchEvent('pointerup', { ...at(80, 0), pointerId: 12 });
  await expect.poll(scale).toBeCloseTo(Math.min(before * 2, 4), 1);

  const viewport = diagram.locator('g.viewport');
  const start = await viewport.getAttribute('data-view');
  await page.mouse.move(box.x + 20, box.y + box.height - 20);
  await page.mouse.down();
  await page.mouse.move(box.x + 120, box.y + box.height - 60, { steps: 5 });
  await page.mouse.up();
  await expect(viewport).not.toHaveAttribute('data-view', start);
});
