// The article's Internet path on the diagram, one-click fixes of blocked traces (logged,
// undoable), and security groups reached from an instance's properties.
const { test, expect } = require('@playwright/test');
const { AxeBuilder } = require('@axe-core/playwright');
const { shot } = require('./helpers');

/** No WCAG 2.1 AA violation on the screen as it stands. */
async function expectAccessible(page, screen) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = results.violations.map((v) => ({ rule: v.id, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  expect(found, `${screen}: ${JSON.stringify(found)}`).toEqual([]);
}

const diagram = (page) => page.getByTestId('diagram');
const instance = (page, name) =>
  diagram(page).locator(`[data-kind=instance][aria-label*="${name},"]`);

async function traceOf(page, source, destination, port) {
  await page.locator('[name=trace-source]').selectOption(source);
  await page.locator('[name=trace-destination]').selectOption(destination);
  await page.locator('[name=trace-port]').fill(port);
  await page.locator('[name=trace-port]').press('Enter');
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
});

test('VM1 reaches the Internet through its VSwitch, the VRouter and its public IP', async ({ page }) => {
  await page.getByTestId('open-trace').click();
  await traceOf(page, 'i-0001', 'internet', '443');
  await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-reachable', 'true');
  const hops = page.getByTestId('trace-hops').locator('li');
  await expect(hops).toHaveCount(5);
  const elements = await hops.evaluateAll((items) => items.map((li) => li.dataset.element));
  expect(elements).toEqual(['i-0001', 'vsw-0001', 'vrt-0001', 'i-0001/publicip', 'internet']);
  await expect(hops.nth(3)).toContainText('149.129.0.1');
  await expect(page.getByTestId('trace-step')).toHaveText('5 / 5', { timeout: 10_000 });
  // The highlighted path goes through the VRouter and the public IP (the badge on VM1).
  await expect(diagram(page).locator('[data-kind=vrouter].highlighted')).toHaveCount(1);
  await expect(diagram(page).locator('.public-ip.highlighted')).toHaveCount(1);
  await expect(diagram(page).locator('.public-ip.highlighted')).toHaveAttribute('data-id', 'i-0001/publicip');
  await expect(diagram(page).locator('[data-kind=vswitch].highlighted')).toHaveCount(1);
  // On the public-IP hop the packet sits on VM1's badge, at its right edge.
  await page.getByTestId('trace-back').click();
  await expect(page.getByTestId('trace-step')).toHaveText('4 / 5');
  const onBadge = async () => {
    const packet = await page.getByTestId('packet').boundingBox();
    const badge = await diagram(page).locator('[data-id="i-0001/publicip"] rect').boundingBox();
    const x = packet.x + packet.width / 2;
    const y = packet.y + packet.height / 2;
    return Math.abs(x - (badge.x + badge.width / 2)) < 6 && y > badge.y && y < badge.y + badge.height;
  };
  await expect.poll(onBadge).toBe(true);
  await shot(page, 'trace-vm1-internet-public-ip');
});

test('a blocked trace offers its fix: applied, logged, passing; undone, blocked again', async ({ page }) => {
  await page.getByTestId('open-trace').click();
  await traceOf(page, 'internet', 'i-0001', '80');
  const verdict = page.getByTestId('trace-verdict');
  await expect(verdict).toHaveAttribute('data-reachable', 'false');
  await expect(verdict).toHaveAttribute('data-reason', 'SecurityGroupDenied');
  const fix = page.getByTestId('trace-fix');
  await expect(fix).toContainText('AuthorizeSecurityGroup');
  await expect(fix).toContainText('PortRange=80/80');
  await expect(fix).toContainText('SourceCidrIp=0.0.0.0/0');
  await shot(page, 'trace-fix-offered');
  await expectAccessible(page, 'a blocked trace with its fix');
  await page.getByTestId('trace-fix-apply').click();
  await expect(verdict).toHaveAttribute('data-reachable', 'true');
  await expect(page.getByTestId('trace-fix')).toHaveCount(0);
  await expect(page.getByTestId('api-log')).toContainText('AuthorizeSecurityGroup');
  const elements = await page.getByTestId('trace-hops').locator('li')
    .evaluateAll((items) => items.map((li) => li.dataset.element));
  expect(elements).toEqual(['internet', 'i-0001/publicip', 'vrt-0001', 'vsw-0001', 'i-0001']);
  await expect(page.getByTestId('trace-step')).toHaveText('5 / 5', { timeout: 10_000 });
  await shot(page, 'trace-fix-applied');
  await page.getByTestId('undo').click();
  await expect(verdict).toHaveAttribute('data-reachable', 'false');
  await expect(verdict).toHaveAttribute('data-reason', 'SecurityGroupDenied');
  await expect(page.getByTestId('trace-fix')).toBeVisible();
});

test('VM2 gets an EIP in one click, and reaches the Internet through it', async ({ page }) => {
  await page.getByTestId('open-trace').click();
  await traceOf(page, 'i-0002', 'internet', '443');
  const verdict = page.getByTestId('trace-verdict');
  await expect(verdict).toHaveAttribute('data-reason', 'NoPublicIp');
  const fix = page.getByTestId('trace-fix');
  await expect(fix.locator('li')).toHaveCount(2);
  await expect(fix.locator('li').nth(0)).toContainText('AllocateEipAddress');
  await expect(fix.locator('li').nth(1)).toContainText('AssociateEipAddress');
  await page.locator('[data-lang=es]').click();
  await expect(fix).toContainText('Aplicar el arreglo');
  await page.getByTestId('trace-fix-apply').click();
  await expect(verdict).toHaveAttribute('data-reachable', 'true');
  await expect(page.getByTestId('api-log')).toContainText('AssociateEipAddress');
  await expect(page.getByTestId('trace-step')).toHaveText('5 / 5', { timeout: 10_000 });
  await expect(diagram(page).locator('.public-ip.highlighted')).toHaveAttribute('data-id', 'i-0002/publicip');
  await shot(page, 'trace-fix-eip-es');
});

test('an instance lists its security groups; a group lists, adds and revokes rules', async ({ page }) => {
  await instance(page, 'VM1').click();
  const properties = page.getByTestId('properties');
  const link = properties.getByTestId('group-link');
  await expect(link).toHaveCount(1);
  await expect(link).toContainText('default');
  await link.click();
  await expect(properties.locator('.selection')).toHaveAttribute('data-selected', /^sg-/);
  await expect(properties.getByTestId('member-link')).toHaveCount(3);
  const rules = properties.getByTestId('rule');
  const before = await rules.count();
  // Add an inbound rule through its form.
  await properties.locator('[data-action=AuthorizeSecurityGroup]').click();
  await page.locator('[name=PortRange]').fill('8080/8080');
  await page.getByTestId('form-submit').click();
  await expect(rules).toHaveCount(before + 1);
  await expect(rules.last()).toContainText('8080/8080');
  await expect(page.getByTestId('api-log')).toContainText('AuthorizeSecurityGroup');
  await shot(page, 'security-group-rules');
  await expectAccessible(page, 'a security group with its rules');
  // Revoke it: logged as its call, and undoable.
  await rules.last().locator('[data-action=RevokeSecurityGroup]').click();
  await expect(rules).toHaveCount(before);
  await expect(page.getByTestId('api-log')).toContainText('RevokeSecurityGroup');
  await page.getByTestId('undo').click();
  await expect(rules).toHaveCount(before + 1);
  // Back to a member.
  await properties.getByTestId('member-link').first().click();
  await expect(properties.locator('.selection')).toHaveAttribute('data-selected', 'i-0001');
});
