// No user string reaches markup: names made of markup, quotes, emoji, right-to-left text
// and 128 characters go through the real forms (VPC, VSwitch, ECS instance, security group)
// and come out as text everywhere they are shown (diagram, properties, trace panel, API
// log, delete confirmation, after a reload), with no element injected and no dialog fired.
// A form whose rules refuse a name shows the refusal, and nothing is injected either.
const { test, expect } = require('@playwright/test');
const { shot } = require('./helpers');

const HOSTILE = [
  ['a script element', '<script>alert(1)</script>'],
  ['an attribute breakout', '"><svg onload=alert(1)>'],
  ['quotes, ampersand and markup', `it's "quoted" & <b>bold</b> <img src=x onerror=alert(1)>`],
  ['emoji', 'red 🔴 network 🚀'],
  ['right-to-left text', 'شبكة الإنتاج'],
  ['bidi control characters', 'abc\u202Eevil\u202C'],
  ['128 characters', `Long${'x'.repeat(120)}name`],
];

const diagram = (page) => page.getByTestId('diagram');

/** What injected markup would change: scripts, handler attributes, markup from the names. */
function injectionScan(page) {
  return page.evaluate(() => ({
    scripts: document.scripts.length,
    handlers: [...document.querySelectorAll('*')].flatMap((element) =>
      [...element.attributes]
        .filter((attribute) => attribute.name.toLowerCase().startsWith('on'))
        .map((attribute) => `${element.tagName} ${attribute.name}`),
    ),
    markup: document.querySelectorAll('b, img, iframe, object, embed, svg svg').length,
    alerted: window.alerted === true,
  }));
}

/**
 * Opens a form with `open`, fills `fields`, then the name parameter with `name`. Submits
 * when the rules accept it and returns true; when they refuse it, checks the refusal is
 * shown, cancels, and creates the resource under a plain name instead (returns false).
 */
async function createNamed(page, open, fields, param, name) {
  const form = page.getByTestId('form');
  const attempt = async (value) => {
    await open();
    for (const [field, fieldValue] of Object.entries(fields)) {
      const control = form.locator(`[name=${field}]`);
      if ((await control.evaluate((element) => element.tagName)) === 'SELECT') {
        await control.selectOption(fieldValue);
      } else {
        await control.fill(fieldValue);
      }
    }
    await form.locator(`[name=${param}]`).fill(value);
    await expect(form.locator(`[name=${param}]`)).toHaveValue(value);
    const verdict = form.locator('[data-testid=form-ok], [data-testid=rejection], [data-testid=incomplete]');
    await expect(verdict).toHaveCount(1);
    return (await verdict.getAttribute('data-testid')) === 'form-ok';
  };
  if (await attempt(name)) {
    await page.getByTestId('form-submit').click();
    await expect(form).toHaveCount(0);
    return true;
  }
  // Refused: the refusal is on screen as text, and the form is left without change.
  await expect(form.locator('[data-testid=rejection], [data-testid=incomplete]')).not.toBeEmpty();
  await form.getByRole('button', { name: /Cancel|Cancelar/ }).click();
  await expect(form).toHaveCount(0);
  expect(await attempt(`plain-${param}`)).toBe(true);
  await page.getByTestId('form-submit').click();
  await expect(form).toHaveCount(0);
  return false;
}

/** The diagram shape with `id`, its title line, its accessible name and its tooltip. */
async function expectShapeShowsName(page, id, name) {
  const shape = diagram(page).locator(`[data-id="${id}"]`);
  await expect(shape).toHaveCount(1);
  expect(await shape.getAttribute('aria-label')).toContain(name);
  // Text is drawn from a zoom level on: zoom in until the title is there.
  const title = shape.locator('tspan.title');
  for (let press = 0; press < 8 && (await title.count()) === 0; press += 1) {
    await page.getByTestId('zoom-in').click();
  }
  const drawn = await title.textContent();
  if (drawn === name) return;
  // A name longer than its box is drawn cut with an ellipsis (still as text); the accessible
  // name above and the tooltip keep it whole.
  expect(drawn.endsWith('…')).toBe(true);
  expect(name.startsWith(drawn.slice(0, -1))).toBe(true);
  const box = await title.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('tooltip').locator('.tooltip-name')).toHaveText(name);
  await page.mouse.move(0, 0);
}

for (const [what, name] of HOSTILE) {
  test(`a name with ${what} is shown as text everywhere`, async ({ page }) => {
    const dialogs = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await page.addInitScript(() => {
      window.alert = () => {
        window.alerted = true;
      };
    });
    await page.goto('/');
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await expect(diagram(page).locator('[data-kind=vpc]')).toHaveCount(1);
    const before = await injectionScan(page);

    const toolbar = page.getByTestId('toolbar');
    const properties = page.getByTestId('properties');
    const vpcNamed = await createNamed(
      page,
      () => toolbar.locator('[data-action=CreateVpc]').click(),
      { RegionId: 'ap-south-1', CidrBlock: '10.0.0.0/16' },
      'VpcName',
      name,
    );
    const vpcId = await diagram(page).locator('[data-kind=vpc]:not([data-id="vpc-0001"])').getAttribute('data-id');
    const vswitchNamed = await createNamed(
      page,
      () => properties.locator('[data-action=CreateVSwitch]').click(),
      { ZoneId: 'ap-south-1a', CidrBlock: '10.0.1.0/24' },
      'VSwitchName',
      name,
    );
    const vswitchId = await diagram(page)
      .locator('[data-kind=vswitch]:not([data-id="vsw-0001"]):not([data-id="vsw-0002"])')
      .getAttribute('data-id');
    const instanceNamed = await createNamed(
      page,
      () => properties.locator('[data-action=RunInstances]').click(),
      {},
      'InstanceName',
      name,
    );
    const instanceId = await diagram(page)
      .locator(`[data-kind=instance]:not([data-id="i-0001"]):not([data-id="i-0002"]):not([data-id="i-0003"])`)
      .getAttribute('data-id');
    const groupNamed = await createNamed(
      page,
      () => toolbar.locator('[data-action=CreateSecurityGroup]').click(),
      { VpcId: vpcId },
      'SecurityGroupName',
      name,
    );
    // The new security group is selected: its properties name it.
    if (groupNamed) {
      await expect(properties).toContainText(`Security group ${name}`);
    }

    // Diagram and properties.
    const shown = [
      [vpcNamed, vpcId],
      [vswitchNamed, vswitchId],
      [instanceNamed, instanceId],
    ];
    for (const [named, id] of shown) {
      if (!named) continue;
      await expectShapeShowsName(page, id, name);
      await diagram(page).locator(`[data-id="${id}"]`).focus();
      await page.keyboard.press('Enter');
      await expect(properties).toContainText(name);
    }
    // The API log shows each call with its parameters, names included.
    if (vpcNamed || vswitchNamed || instanceNamed || groupNamed) {
      await expect(page.getByTestId('api-log')).toContainText(name);
    }

    // The trace panel: the endpoint lists and the hops name the instance.
    await page.getByTestId('open-trace').click();
    const source = page.locator('[name=trace-source]');
    if (instanceNamed) {
      expect(await source.locator(`option[value="${instanceId}"]`).textContent()).toContain(name);
    }
    await source.selectOption(instanceId);
    await page.locator('[name=trace-destination]').selectOption('internet');
    await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-reachable', 'false');
    if (instanceNamed) {
      await expect(page.getByTestId('trace-hops').locator('li').first()).toContainText(name);
    }
    await shot(page, `hostile-name-${HOSTILE.findIndex(([w]) => w === what)}`);

    // The delete confirmation names what it deletes (the VPC and its contents), as text.
    if (vpcNamed) {
      await diagram(page).locator(`[data-id="${vpcId}"]`).focus();
      await page.keyboard.press('Enter');
      await properties.getByTestId('delete').click();
      const confirm = page.getByTestId('confirm');
      await expect(confirm).toContainText(name);
      await confirm.getByRole('button', { name: /Cancel|Cancelar/ }).click();
      await expect(confirm).toHaveCount(0);
    }

    // After a reload the names come back from storage, still as text.
    await page.reload();
    // Wait for the app to draw the reloaded network (when no name was accepted nothing below
    // waits for it, and the scan would see the page before the app has mounted).
    await expect(diagram(page).locator('[data-kind=vpc]')).toHaveCount(2);
    for (const [named, id] of shown) {
      if (named) await expectShapeShowsName(page, id, name);
    }

    expect(dialogs).toEqual([]);
    const after = await injectionScan(page);
    expect(after).toEqual(before);
    expect(after.handlers).toEqual([]);
    expect(after.alerted).toBe(false);
  });
}
