// Path analysis: can A reach B, hop by hop, with the packet moving along the diagram.
const { test, expect } = require('@playwright/test');
const { shot } = require('./helpers');

const diagram = (page) => page.getByTestId('diagram');
const instance = (page, name) =>
  diagram(page).locator(`[data-kind=instance][aria-label*="${name},"]`);

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByTestId('open-trace').click();
  await expect(page.getByTestId('trace-panel')).toBeVisible();
});

test('VM1 reaches VM3 in the other zone through the VRouter, hop by hop', async ({ page }) => {
  await instance(page, 'VM1').click();
  await instance(page, 'VM3').click();
  const verdict = page.getByTestId('trace-verdict');
  await expect(verdict).toHaveAttribute('data-reachable', 'true');
  const hops = page.getByTestId('trace-hops').locator('li');
  await expect(hops).toHaveCount(5);
  await expect(hops.nth(0)).toContainText('VM1');
  await expect(hops.nth(2)).toContainText('VRouter');
  await expect(hops.nth(2)).toContainText('192.168.2.0/24');
  await expect(hops.nth(4)).toContainText('VM3');
  // The packet plays to the end by itself, lighting the path.
  await expect(page.getByTestId('trace-step')).toHaveText('5 / 5', { timeout: 10_000 });
  await expect(diagram(page).locator('.shape.highlighted')).toHaveCount(5);
  await expect(page.getByTestId('packet')).toBeVisible();
  // Step back and forward by hand.
  await page.getByTestId('trace-back').click();
  await expect(page.getByTestId('trace-step')).toHaveText('4 / 5');
  await expect(diagram(page).locator('.shape.highlighted')).toHaveCount(4);
  await shot(page, 'trace-vm1-to-vm3-step-4');
  await page.getByTestId('trace-forward').click();
  await expect(page.getByTestId('trace-step')).toHaveText('5 / 5');
  // Once its move has finished, the packet sits on VM3.
  const inside = async () => {
    const packet = await page.getByTestId('packet').boundingBox();
    const vm3 = await instance(page, 'VM3').boundingBox();
    const x = packet.x + packet.width / 2;
    const y = packet.y + packet.height / 2;
    return x > vm3.x && x < vm3.x + vm3.width && y > vm3.y && y < vm3.y + vm3.height;
  };
  await expect.poll(inside).toBe(true);
  await shot(page, 'trace-vm1-to-vm3');
  // Play at the end replays from the first hop; pause stops the packet where it is.
  await page.getByTestId('trace-play').click();
  await expect(page.getByTestId('trace-step')).not.toHaveText('5 / 5');
  await page.getByTestId('trace-speed').selectOption('350');
  await expect(page.getByTestId('trace-step')).toHaveText('5 / 5', { timeout: 10_000 });
});

test('VM2 cannot reach the Internet: no public IP, shown in red with the reason', async ({ page }) => {
  await page.locator('[name=trace-source]').selectOption('i-0002');
  await page.locator('[name=trace-destination]').selectOption('internet');
  await page.locator('[name=trace-port]').fill('443');
  await page.locator('[name=trace-port]').press('Enter');
  const verdict = page.getByTestId('trace-verdict');
  await expect(verdict).toHaveAttribute('data-reachable', 'false');
  await expect(verdict).toHaveAttribute('data-reason', 'NoPublicIp');
  await expect(verdict.locator('.explanation')).not.toBeEmpty();
  await page.getByTestId('trace-forward').click().catch(() => {});
  await expect(diagram(page).locator('.shape.blocked')).toHaveCount(1);
  await shot(page, 'trace-vm2-to-internet-blocked');

  await page.locator('[data-lang=es]').click();
  await expect(verdict).toContainText('Bloqueado');
  await shot(page, 'trace-vm2-to-internet-blocked-es');
});

test('who can VM2 reach?', async ({ page }) => {
  await instance(page, 'VM2').click();
  await page.getByTestId('trace-show-reachable').check();
  const reached = page.getByTestId('trace-reachable');
  await expect(reached).toContainText('VM1');
  await expect(reached).toContainText('VM3');
  await expect(reached).toContainText('OSS');
  // The first-run network's data centre, over Express Connect (the route to 10.10.0.0/16).
  await expect(reached).toContainText('data-centre');
  await expect(reached).not.toContainText('Internet');
  await expect(diagram(page).locator('.shape.highlighted')).toHaveCount(5);
  await shot(page, 'trace-who-can-vm2-reach');
});
