// What vpclab keeps in the browser: two tabs sharing one localStorage, the way a user
// opens them, against the release build.
const { test, expect } = require('@playwright/test');
const { shot } = require('./helpers');

const KEY = 'vpclab:topology';
const stored = (page) => page.evaluate((key) => localStorage.getItem(key), KEY);
const instances = (page) => page.getByTestId('diagram').locator('[data-kind=instance]');

/** Deletes the instance named `name` through its properties panel. */
async function deleteInstance(page, name) {
  await instances(page).filter({ has: page.locator(`xpath=self::*[contains(@aria-label, "${name}")]`) }).click();
  await page.getByTestId('properties').getByTestId('delete').click();
}

/** Two tabs of one browser: `older` opened first, then `newer`, on an empty storage. */
async function twoTabs(context) {
  const older = await context.newPage();
  await older.goto('/');
  await older.evaluate(() => localStorage.clear());
  await older.reload();
  const newer = await context.newPage();
  await newer.goto('/');
  return { older, newer };
}

test('a tab opened earlier never saves over the network another tab saved since', async ({ context }) => {
  const { older, newer } = await twoTabs(context);
  await deleteInstance(newer, 'VM2');
  await expect(instances(newer)).toHaveCount(2);
  await expect(newer.getByTestId('save-status')).toHaveText('Saved');
  const fromNewer = await stored(newer);
  expect(fromNewer).toContain('"rules":"2020"');

  await older.locator('[data-rules=current]').click();
  await expect(older.getByTestId('notice')).toContainText('changed in another tab');
  expect(await stored(older)).toBe(fromNewer);
  await expect(older.getByTestId('save-status')).not.toHaveText('Saved');
});
