// Learnable: the first-run tour (skippable, remembered, working with storage blocked), the
// "?" shortcuts dialog, Delete on the focused element (which keyboard focus selects), and
// forms that follow the user, in English and Spanish.
const { test, expect } = require('@playwright/test');
const { shot } = require('./helpers');

/** Opens a first visit at a viewport, in `language`. */
async function firstVisit(page, { width = 1400, height = 900, language = 'en' } = {}) {
  await page.setViewportSize({ width, height });
  await page.goto('/');
  await page.evaluate((language) => {
    localStorage.clear();
    if (language !== 'en') localStorage.setItem('vpclab:preferences', JSON.stringify({ language }));
  }, language);
  await page.reload();
  await expect(page.getByTestId('diagram').locator('[data-kind=internet]')).toHaveCount(1);
}

const diagram = (page) => page.getByTestId('diagram');

test('the first-run tour walks five steps, is remembered once done, and is not offered again', async ({ page }) => {
  await firstVisit(page);
  await page.getByTestId('tour-start').click();
  const tour = page.getByTestId('tour');
  await expect(tour).toHaveAttribute('data-step', '0');
  await expect(tour).toContainText('1 / 5');
  await shot(page, 'learnable-tour-1-1400x900');
  await page.getByTestId('tour-next').click();
  await expect(tour).toHaveAttribute('data-step', '1');
  await expect(page.locator('.workspace.tour-1')).toHaveCount(1);
  await page.getByTestId('tour-back').click();
  await expect(tour).toHaveAttribute('data-step', '0');
  for (let step = 1; step < 5; step += 1) await page.getByTestId('tour-next').click();
  await expect(tour).toContainText('5 / 5');
  await page.getByTestId('tour-next').click();
  await expect(tour).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('vpclab:preferences') || '{}').tour_seen)).toBe(true);
  await page.reload();
  await expect(diagram(page).locator('[data-kind=internet]')).toHaveCount(1);
  await expect(page.getByTestId('tour-start')).toHaveCount(0);
});

test('the tour can be skipped, in Spanish, on a projector and a phone', async ({ page }) => {
  for (const [width, height] of [[1024, 768], [390, 844]]) {
    await firstVisit(page, { width, height, language: 'es' });
    await page.getByTestId('tour-start').click();
    await expect(page.getByTestId('tour')).toContainText('La red');
    await shot(page, `learnable-tour-${width}x${height}-es`);
    await page.getByTestId('tour-skip').click();
    await expect(page.getByTestId('tour')).toHaveCount(0);
    await expect(page.getByTestId('tour-start')).toHaveCount(0);
  }
});

test('with storage blocked the tour runs and is skipped, remembered for the visit', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
    });
  });
  const page = await context.newPage();
  await page.goto('/');
  await expect(diagram(page).locator('[data-kind=datacenter]')).toHaveCount(1);
  // Without storage there is no first-visit hint: the shortcuts dialog offers the tour.
  await page.getByTestId('open-shortcuts').click();
  await page.getByTestId('shortcuts-tour').click();
  await expect(page.getByTestId('shortcuts')).toHaveCount(0);
  await page.getByTestId('tour-next').click();
  await expect(page.getByTestId('tour')).toHaveAttribute('data-step', '1');
  await page.getByTestId('tour-skip').click();
  await expect(page.getByTestId('tour')).toHaveCount(0);
  await expect(page.getByTestId('tour-start')).toHaveCount(0);
  await shot(page, 'learnable-storage-blocked-1024x768');
  await context.close();
});

test('"?" opens the keyboard shortcuts, in both languages; Escape closes them', async ({ page }) => {
  await firstVisit(page, { width: 1024, height: 768 });
  await page.locator('body').press('?');
  const dialog = page.getByTestId('shortcuts');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Ctrl+Z');
  await expect(dialog).toContainText('Delete the focused (selected) element');
  await shot(page, 'learnable-shortcuts-1024x768');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await page.locator('[data-lang=es]').click();
  await page.getByTestId('open-shortcuts').click();
  await expect(dialog).toContainText('Atajos de teclado');
  await expect(dialog).toContainText('Deshacer');
  await shot(page, 'learnable-shortcuts-1024x768-es');
  await page.getByTestId('shortcuts-close').click();
  await expect(dialog).toHaveCount(0);
});

test('keyboard focus selects a diagram element, and Delete deletes the focused one', async ({ page }) => {
  await firstVisit(page);
  const instances = diagram(page).locator('[data-kind=instance]');
  await instances.nth(0).click();
  await expect(page.getByTestId('properties')).toContainText('VM1');
  // Focus VM2 from the keyboard (Tab from VM1): it becomes the selection.
  const vm2 = instances.nth(1);
  await page.keyboard.down('Shift');
  await page.keyboard.up('Shift');
  await vm2.focus();
  await expect(vm2).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('properties')).toContainText('VM2');
  await page.keyboard.press('Delete');
  await expect(instances).toHaveCount(2);
  await expect(diagram(page).locator('[data-kind=instance] tspan.title')).toHaveText(['VM1', 'VM3']);
});

test('forms say what to create first and follow the chosen VSwitch', async ({ page }) => {
  await firstVisit(page, { width: 1024, height: 768 });
  // The ECS form proposes a free IP of whichever VSwitch is chosen.
  await page.getByTestId('toolbar').locator('[data-action=RunInstances]').click();
  const form = page.getByTestId('form');
  await expect(form.locator('#field-PrivateIpAddress')).toHaveValue('192.168.1.3');
  await form.locator('#field-VSwitchId').selectOption('vsw-0002');
  await expect(form.locator('#field-PrivateIpAddress')).toHaveValue('192.168.2.2');
  await shot(page, 'learnable-ecs-form-follows-1024x768');
  await page.keyboard.press('Escape');
  // In an empty network "+ VSwitch" says a VPC comes first, and opens its form.
  await page.getByTestId('new-network').click();
  await page.locator('[data-lang=es]').click();
  await page.getByTestId('toolbar').locator('[data-action=CreateVSwitch]').click();
  await expect(page.getByTestId('form-advice')).toContainText('Crea primero una VPC');
  await shot(page, 'learnable-vswitch-needs-vpc-1024x768-es');
  await page.getByTestId('form-advice-open').click();
  await expect(form).toHaveAttribute('data-action', 'CreateVpc');
  await expect(form.locator('#field-RegionId')).toHaveValue('ap-south-1');
});

test('raising the bandwidth of an instance without a public IP says which call gives one', async ({ page }) => {
  await firstVisit(page);
  await diagram(page).locator('[data-kind=instance]').nth(1).click();
  await page.getByTestId('properties').locator('[data-action=ModifyInstanceNetworkSpec]').click();
  const form = page.getByTestId('form');
  await expect(page.getByTestId('form-advice')).toHaveCount(0);
  await form.locator('#field-InternetMaxBandwidthOut').fill('5');
  const advice = page.getByTestId('form-advice');
  await expect(advice).toContainText('AllocatePublicIpAddress');
  await expect(advice).toHaveAttribute('data-offer', 'AllocateEipAddress');
  await shot(page, 'learnable-bandwidth-no-public-ip-1400x900');
  await page.getByTestId('form-advice-open').click();
  await expect(form).toHaveAttribute('data-action', 'AllocateEipAddress');
});
