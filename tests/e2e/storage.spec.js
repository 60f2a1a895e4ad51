// What vpclab keeps in the browser: two tabs sharing one localStorage, the way a user
// opens them, against the release build.
const { test, expect } = require('@playwright/test');
const { shot } = require('./helpers');

const KEY = 'vpclab:topology';
// What is stored once the autosave waiting for its frame (if any) has run.
const stored = async (page) => {
  await page.waitForFunction(() => !document.documentElement.hasAttribute('data-save-pending'));
  return page.evaluate((key) => localStorage.getItem(key), KEY);
};
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

/** The text of a download the page starts while `action` runs. */
async function downloaded(page, action) {
  const [download] = await Promise.all([page.waitForEvent('download'), action()]);
  const fs = require('fs');
  return { name: download.suggestedFilename(), text: fs.readFileSync(await download.path(), 'utf8') };
}

test('keep mine first downloads the other tab\'s network, then saves this one over it', async ({ context }) => {
  const { older, newer } = await twoTabs(context);
  await deleteInstance(newer, 'VM2');
  const fromNewer = await stored(newer);
  // The storage event tells the older tab at once, before it edits anything.
  await expect(older.getByTestId('notice')).toContainText('changed in another tab');
  await older.locator('[data-rules=current]').click();
  await shot(older, 'storage-changed-in-another-tab');

  const file = await downloaded(older, () => older.getByTestId('keep-mine').click());
  expect(file.name).toBe('vpclab-network-from-another-tab.json');
  expect(file.text).toBe(fromNewer);
  await expect(older.getByTestId('save-status')).toHaveText('Saved');
  await expect(older.getByTestId('notice')).toHaveCount(0);
  expect(await stored(older)).toContain('"rules":"current"');
  // Now the newer tab is the stale one, and says so.
  await expect(newer.getByTestId('notice')).toContainText('changed in another tab');
});

test('reload shows the other tab\'s network, and this tab saves again from there', async ({ context }) => {
  const { older, newer } = await twoTabs(context);
  await deleteInstance(newer, 'VM2');
  await expect(older.getByTestId('notice')).toContainText('changed in another tab');
  await older.getByTestId('reload').click();
  await expect(instances(older)).toHaveCount(2);
  await expect(older.getByTestId('notice')).toHaveCount(0);
  await older.locator('[data-rules=current]').click();
  await expect(older.getByTestId('save-status')).toHaveText('Saved');
  const saved = await stored(older);
  expect(saved).toContain('"rules":"current"');
  expect(saved).not.toContain('"VM2"');
});

test('when the browser refuses every save, the notice offers the network as a download', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => { localStorage.clear(); localStorage.setItem('vpclab:preferences', '{"language":"es"}'); });
  await page.addInitScript(() => {
    Storage.prototype.setItem = function refuse() {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.reload();
  await page.locator('[data-rules=current]').click();
  await expect(page.getByTestId('save-status')).toHaveText('Sin guardar');
  const notice = page.locator('[data-testid=notice][data-kind=not-saved]');
  await expect(notice).toContainText('Tus cambios no se están guardando');
  const file = await downloaded(page, () => notice.getByTestId('download-mine').click());
  expect(file.name).toBe('vpclab-network.json');
  expect(JSON.parse(file.text).rules).toBe('current');
});

test('data set aside stays reachable after a reload: download it, then delete it', async ({ page }) => {
  const corrupt = '{"vpclab":"topology","version":1,';
  await page.goto('/');
  await page.evaluate((text) => { localStorage.clear(); localStorage.setItem('vpclab:topology', text); }, corrupt);
  await page.reload();
  await expect(page.locator('[data-testid=notice][data-kind=set-aside]')).toContainText('could not be restored');
  await page.locator('[data-rules=current]').click();
  await expect(page.getByTestId('save-status')).toHaveText('Saved');

  await page.reload();
  await expect(page.getByTestId('notice')).toHaveCount(0);
  const recovered = page.getByTestId('recovered');
  await expect(recovered).toContainText('Recovered data (1)');
  await recovered.locator('summary').click();
  await shot(page, 'storage-recovered-data');
  const file = await downloaded(page, () => recovered.getByTestId('download-recovered').click());
  expect(file.name).toBe('vpclab-recovered.txt');
  expect(file.text).toBe(corrupt);
  await recovered.getByTestId('delete-recovered').click();
  await recovered.getByTestId('delete-recovered-confirm').click();
  await expect(recovered).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('vpclab:topology:unreadable'))).toBeNull();
});

test('with storage blocked, as in some embedded frames, the notice says so and offers a download', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() { throw new DOMException('Access is denied for this document.', 'SecurityError'); },
    });
  });
  await page.goto('/');
  const notice = page.locator('[data-testid=notice][data-kind=not-saved]');
  await expect(notice).toContainText('does not let the page use its storage');
  await page.locator('[data-rules=current]').click();
  await expect(page.getByTestId('save-status')).toHaveText('Not saved');
  await expect(page.getByTestId('notice')).toHaveCount(1);
  const file = await downloaded(page, () => notice.getByTestId('download-mine').click());
  expect(JSON.parse(file.text).rules).toBe('current');
});
