// Journeys through the editor: the first visit, rebuilding the article's network by hand,
// the model's errors in forms, undo/redo, delete with contents, and the Spanish UI.
const { test, expect } = require('@playwright/test');
const { shot } = require('./helpers');

const diagram = (page) => page.getByTestId('diagram');
const shape = (page, kind, name) =>
  diagram(page).locator(`[data-kind=${kind}]`).filter({ has: page.locator(`xpath=self::*[contains(@aria-label, "${name}")]`) });

/** Selects a box by clicking its title strip (its middle is covered by its contents). */
async function pick(locator) {
  await locator.click({ position: { x: 14, y: 10 } });
}

/** Opens the form for `action` from the toolbar. */
async function openForm(page, action) {
  await page.getByTestId('toolbar').locator(`[data-action=${action}]`).click();
  await expect(page.getByTestId('form')).toHaveAttribute('data-action', action);
}

/** Sets a form field by its Alibaba parameter name (text box or list). */
async function fill(page, param, value) {
  const field = page.getByTestId('form').locator(`[name=${param}]`);
  if ((await field.evaluate((element) => element.tagName)) === 'SELECT') {
    await field.selectOption(value);
  } else {
    await field.fill(value);
  }
}

async function submit(page) {
  await page.getByTestId('form-submit').click();
  await expect(page.getByTestId('form')).toHaveCount(0);
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
});

test('a first visit shows the article network with a hint', async ({ page }) => {
  await expect(page.getByTestId('hint')).toBeVisible();
  await expect(diagram(page).locator('[data-kind=vpc]')).toHaveCount(1);
  await expect(diagram(page).locator('[data-kind=vswitch]')).toHaveCount(2);
  await expect(diagram(page).locator('[data-kind=instance]')).toHaveCount(3);
  await expect(diagram(page).locator('[data-kind=vrouter]')).toHaveCount(1);
  for (const [name, ip] of [['VM1', '192.168.1.1'], ['VM2', '192.168.1.2'], ['VM3', '192.168.2.1']]) {
    await expect(shape(page, 'instance', name)).toHaveAttribute('aria-label', new RegExp(`${name}.*${ip.replace(/\./g, '\\.')}`));
  }
  // Both kinds of public address are drawn, and differently.
  await expect(diagram(page).locator('.badge-mark.natip')).not.toHaveCount(0);
  await expect(diagram(page).locator('.badge-mark.eip')).not.toHaveCount(0);
  await shot(page, 'editor-first-visit');

  // Selecting the VRouter shows its route table.
  await diagram(page).locator('[data-kind=vrouter]').click();
  await expect(page.getByTestId('route-table')).toContainText('192.168.1.0/24');
  await expect(page.getByTestId('route-table')).toContainText('100.64.0.0/10');
  await shot(page, 'editor-route-table');
});

test('a student rebuilds the article network from an empty canvas, and it survives a reload', async ({ page }) => {
  await page.getByTestId('new-network').click();
  await expect(diagram(page).locator('[data-kind=vpc]')).toHaveCount(0);

  await openForm(page, 'CreateVpc');
  await fill(page, 'RegionId', 'ap-south-1');
  await fill(page, 'CidrBlock', '192.168.0.0/16');
  await fill(page, 'VpcName', 'demo');
  await expect(page.getByTestId('form-ok')).toBeVisible();
  await submit(page);
  await expect(diagram(page).locator('[data-kind=vpc]')).toHaveCount(1);
  await expect(diagram(page).locator('[data-kind=vrouter]')).toHaveCount(1);

  // The new VPC is selected: add a VSwitch from its panel, in zone a.
  await page.getByTestId('properties').locator('[data-action=CreateVSwitch]').click();
  await fill(page, 'ZoneId', 'ap-south-1a');
  await fill(page, 'CidrBlock', '192.168.1.0/24');
  await fill(page, 'VSwitchName', 'zone1');
  await submit(page);

  // Two instances in it, the first with the keyboard only (Enter submits the form).
  await page.getByTestId('properties').locator('[data-action=RunInstances]').click();
  await expect(page.getByTestId('form').locator('[name=PrivateIpAddress]')).toHaveValue('192.168.1.1');
  await fill(page, 'InstanceName', 'VM1');
  await page.getByTestId('form').locator('[name=InstanceName]').press('Enter');
  await expect(page.getByTestId('form')).toHaveCount(0);
  await pick(diagram(page).locator('[data-kind=vswitch]'));
  await page.getByTestId('properties').locator('[data-action=RunInstances]').click();
  await expect(page.getByTestId('form').locator('[name=PrivateIpAddress]')).toHaveValue('192.168.1.2');
  await fill(page, 'InstanceName', 'VM2');
  await submit(page);

  // A second VSwitch in the other zone: the form offers a zone not used yet.
  await pick(diagram(page).locator('[data-kind=vpc]'));
  await page.getByTestId('properties').locator('[data-action=CreateVSwitch]').click();
  await expect(page.getByTestId('form').locator('[name=ZoneId]')).toHaveValue('ap-south-1b');
  await fill(page, 'CidrBlock', '192.168.2.0/24');
  await fill(page, 'VSwitchName', 'zone2');
  await submit(page);
  await page.getByTestId('properties').locator('[data-action=RunInstances]').click();
  await fill(page, 'InstanceName', 'VM3');
  await submit(page);

  await expect(diagram(page).locator('[data-kind=instance]')).toHaveCount(3);
  await expect(shape(page, 'instance', 'VM3')).toHaveAttribute('aria-label', /192\.168\.2\.1/);
  await expect(page.getByTestId('api-log')).toContainText('RunInstances');
  await expect(page.getByTestId('save-status')).toHaveText('Saved');
  await shot(page, 'editor-rebuilt-article');

  await page.reload();
  await expect(diagram(page).locator('[data-kind=instance]')).toHaveCount(3);
  await expect(shape(page, 'instance', 'VM1')).toHaveAttribute('aria-label', /192\.168\.1\.1/);
  await expect(shape(page, 'instance', 'VM2')).toHaveAttribute('aria-label', /192\.168\.1\.2/);
  await expect(shape(page, 'vswitch', 'zone2')).toHaveAttribute('aria-label', /192\.168\.2\.0\/24/);
  await expect(page.getByTestId('hint')).toHaveCount(0);
  await shot(page, 'editor-after-reload');
});

// Each error code a form can produce, with the input that produces it.
const formErrors = [
  ['CreateVSwitch', { CidrBlock: '192.168.1.128/25' }, 'InvalidCidrBlock.Overlapped', /overlaps/],
  ['CreateVSwitch', { CidrBlock: '192.168.7.1/24' }, 'InvalidCidrBlock.Malformed', /192\.168\.7\.1\/24/],
  ['CreateVSwitch', { CidrBlock: '192.168.8.0/30' }, 'InvalidCidrBlock.MaskOutOfRange', /30/],
  ['CreateVSwitch', { CidrBlock: '10.0.0.0/24' }, 'InvalidCidrBlock.NotInVpc', /10\.0\.0\.0\/24/],
  ['CreateVSwitch', { ZoneId: 'cn-hangzhou-b' }, 'InvalidZoneId.NotFound', /cn-hangzhou-b/],
  ['CreateVpc', { CidrBlock: '100.64.0.0/16' }, 'InvalidCidrBlock.Forbidden', /100\.64/],
  ['CreateVpc', { CidrBlock: '10.0.0.0/7' }, 'InvalidCidrBlock.MaskOutOfRange', /7/],
  ['RunInstances', { PrivateIpAddress: '192.168.1.255' }, 'InvalidPrivateIpAddress.Reserved', /192\.168\.1\.255/],
  ['RunInstances', { PrivateIpAddress: '192.168.1.1' }, 'InvalidPrivateIpAddress.Duplicated', /192\.168\.1\.1/],
  ['RunInstances', { PrivateIpAddress: '192.168.9.9' }, 'InvalidPrivateIpAddress.NotInVSwitch', /192\.168\.9\.9/],
  ['CreateRouteEntry', { DestinationCidrBlock: '192.168.1.0/25', NextHopId: 'i-0001' }, 'InvalidRouteEntry.Conflict', /192\.168\.1\.0\/25/],
];

for (const [action, values, code, message] of formErrors) {
  test(`the ${action} form explains ${code}`, async ({ page }) => {
    await pick(diagram(page).locator('[data-kind=vswitch]').first());
    await openForm(page, action);
    for (const [param, value] of Object.entries(values)) {
      // A zone of another region is not in the list: type it through the option it adds.
      const field = page.getByTestId('form').locator(`[name=${param}]`);
      if ((await field.evaluate((element) => element.tagName)) === 'SELECT') {
        await field.evaluate((select, v) => {
          const option = document.createElement('option');
          option.value = v; option.textContent = v; select.appendChild(option);
          select.value = v; select.dispatchEvent(new Event('change', { bubbles: true }));
        }, value);
      } else {
        await field.fill(value);
      }
    }
    const rejection = page.getByTestId('rejection');
    await expect(rejection).toHaveAttribute('data-code', code);
    await expect(rejection.locator('.message')).toContainText(message);
    await expect(rejection.locator('.rule')).not.toBeEmpty();
    const before = await diagram(page).locator('[data-id]').count();
    await page.getByTestId('form-submit').click();
    // A rejected submit keeps the form open, logs the call, and changes nothing.
    await expect(page.getByTestId('form')).toBeVisible();
    await expect(page.getByTestId('api-log')).toContainText(code);
    expect(await diagram(page).locator('[data-id]').count()).toBe(before);
    if (code === 'InvalidCidrBlock.Overlapped') await shot(page, 'editor-error-overlapped');
  });
}

test('undo and redo with buttons and keys, and delete with contents asks once', async ({ page }) => {
  const instances = diagram(page).locator('[data-kind=instance]');
  await pick(shape(page, 'vswitch', '192.168.1.0/24'));
  await page.getByTestId('properties').locator('[data-action=RunInstances]').click();
  await submit(page);
  await expect(instances).toHaveCount(4);
  await page.keyboard.press('Control+z');
  await expect(instances).toHaveCount(3);
  await page.keyboard.press('Control+Shift+z');
  await expect(instances).toHaveCount(4);
  await page.getByTestId('undo').click();
  await expect(instances).toHaveCount(3);
  await page.getByTestId('redo').click();
  await expect(instances).toHaveCount(4);

  // Deleting the VPC lists every call it will make, and one undo brings it all back.
  await pick(diagram(page).locator('[data-kind=vpc]'));
  await page.getByTestId('delete').click();
  await expect(page.getByTestId('confirm')).toContainText('DeleteInstance');
  await expect(page.getByTestId('confirm')).toContainText('DeleteVpc');
  await shot(page, 'editor-delete-with-contents');
  await page.getByTestId('confirm-delete').click();
  await expect(diagram(page).locator('[data-kind=vpc]')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(diagram(page).locator('[data-kind=vpc]')).toHaveCount(1);
  await expect(instances).toHaveCount(4);
});

test('forbidden actions are disabled with the reason', async ({ page }) => {
  // VM1 has a NatPublicIP in the example: it can't be unbound, only released or converted.
  await shape(page, 'instance', 'VM1').click();
  const panel = page.getByTestId('properties');
  await expect(panel).toContainText("can't be unbound");
  await expect(panel.locator('[data-action=ConvertNatPublicIpToEip]')).toBeEnabled();
  await panel.locator('[data-action=ConvertNatPublicIpToEip]').click();
  await expect(shape(page, 'instance', 'VM1')).toHaveAttribute('aria-label', /EIP/);
  await shot(page, 'editor-converted-to-eip');
});

test('keyboard: Tab and arrows move between elements, Enter selects, Delete deletes, Escape cancels', async ({ page }) => {
  await shape(page, 'instance', 'VM2').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('properties')).toContainText('VM2');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('properties').locator('.selection')).not.toContainText('VM2');
  await shape(page, 'instance', 'VM2').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Delete');
  await expect(diagram(page).locator('[data-kind=instance]')).toHaveCount(2);
  await page.getByTestId('toolbar').locator('[data-action=CreateVpc]').click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('form')).toHaveCount(0);
});

test('the rules switch shows the quota and Mumbai closing', async ({ page }) => {
  await expect(page.getByTestId('vswitch-quota')).toContainText('2 / 24');
  await page.locator('[data-rules=current]').click();
  await expect(page.getByTestId('vswitch-quota')).toContainText('2 / 150');
  await openForm(page, 'CreateVpc');
  await fill(page, 'RegionId', 'ap-south-1');
  await expect(page.getByTestId('rejection')).toHaveAttribute('data-code', 'InvalidRegionId.Closed');
  await shot(page, 'editor-current-rules-mumbai-closed');
});

test('the whole editor speaks Spanish', async ({ page }) => {
  await page.locator('[data-lang=es]').click();
  await expect(page.getByTestId('toolbar')).toContainText('Crear');
  await expect(page.getByTestId('new-network')).toHaveText('Nueva red vacía');
  await shape(page, 'instance', 'VM1').click();
  await expect(page.getByTestId('properties')).toContainText('Propiedades');
  await openForm(page, 'CreateVSwitch');
  await expect(page.getByTestId('form')).toContainText('Cancelar');
  await shot(page, 'editor-spanish');
});

test('EIP forms explain InvalidInstance.HasPublicIp and InvalidRegionId.Mismatch', async ({ page }) => {
  // An EIP in the same region cannot go onto VM1, which has a NatPublicIP.
  await openForm(page, 'AllocateEipAddress');
  await submit(page);
  await expect(page.getByTestId('properties').locator('.selection')).toContainText('EIP');
  await page.getByTestId('properties').locator('[data-action=AssociateEipAddress]').click();
  await fill(page, 'InstanceId', 'i-0001');
  await expect(page.getByTestId('rejection')).toHaveAttribute('data-code', 'InvalidInstance.HasPublicIp');
  await fill(page, 'InstanceId', 'i-0002');
  await expect(page.getByTestId('form-ok')).toBeVisible();
  await page.keyboard.press('Escape');

  // An EIP from another region cannot go onto an instance in Mumbai.
  await openForm(page, 'AllocateEipAddress');
  await fill(page, 'RegionId', 'cn-hangzhou');
  await submit(page);
  await page.getByTestId('properties').locator('[data-action=AssociateEipAddress]').click();
  await fill(page, 'InstanceId', 'i-0002');
  await expect(page.getByTestId('rejection')).toHaveAttribute('data-code', 'InvalidRegionId.Mismatch');
  await shot(page, 'editor-error-region-mismatch');
});

test('a full VSwitch explains InvalidVSwitchId.IpNotEnough', async ({ page }) => {
  await pick(diagram(page).locator('[data-kind=vpc]'));
  await page.getByTestId('properties').locator('[data-action=CreateVSwitch]').click();
  await fill(page, 'CidrBlock', '192.168.9.0/29');
  await submit(page);
  // A /29 has 8 addresses, 4 of them reserved: room for 4 instances.
  for (let i = 0; i < 4; i += 1) {
    await page.getByTestId('properties').locator('[data-action=RunInstances]').click();
    await submit(page);
    await pick(shape(page, 'vswitch', '192.168.9.0/29'));
  }
  await page.getByTestId('properties').locator('[data-action=RunInstances]').click();
  await expect(page.getByTestId('rejection')).toHaveAttribute('data-code', 'InvalidVSwitchId.IpNotEnough');
});

test('when the browser refuses to save, the work stays and the user is told', async ({ page }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = function refuse() {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.reload();
  await pick(shape(page, 'vswitch', '192.168.1.0/24'));
  await page.getByTestId('properties').locator('[data-action=RunInstances]').click();
  await submit(page);
  await expect(diagram(page).locator('[data-kind=instance]')).toHaveCount(4);
  await expect(page.getByTestId('save-status')).toHaveText('Not saved');
  await expect(page.getByTestId('notice')).toContainText('QuotaExceededError');
  await shot(page, 'editor-save-refused');
});
