// Share links: "Copy link" in one browser, the link opened in another, whose own saved
// network stays exactly as it was until its owner chooses; a damaged link is explained.
const { test, expect } = require('@playwright/test');
const fs = require('fs');
const { shot } = require('./helpers');

const KEY = 'vpclab:topology';
// What is stored once the autosave waiting for its frame (if any) has run.
const stored = async (page) => {
  await page.waitForFunction(() => !document.documentElement.hasAttribute('data-save-pending'));
  return page.evaluate((key) => localStorage.getItem(key), KEY);
};
/** What the diagram draws: every element's id and accessible name, in order. */
const drawn = (page) => page.getByTestId('diagram').locator('[data-id]')
  .evaluateAll((shapes) => shapes.map((shape) => `${shape.dataset.id} ${shape.getAttribute('aria-label')}`));

/** The ids of what the diagram draws, in order (the same in every language). */
const ids = (page) => page.getByTestId('diagram').locator('[data-id]')
  .evaluateAll((shapes) => shapes.map((shape) => shape.dataset.id));

/** A fresh browser profile on the app, with its own saved network: the example with VM2 deleted (or as is). */
async function visitor(browser, { deleteVm2 }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  if (deleteVm2) {
    await page.getByTestId('diagram').locator('[data-kind=instance][aria-label*="VM2"]').click();
    await page.getByTestId('properties').getByTestId('delete').click();
  } else {
    await page.locator('[data-rules=current]').click();
  }
  await expect(page.getByTestId('save-status')).toHaveText('Saved');
  return { context, page };
}

/** The link "Copy link" gives for the network `page` shows. */
async function copyLink(page) {
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('link-status')).not.toContainText('Copying');
  const link = await page.getByTestId('share-link').inputValue();
  await page.getByTestId('link-close').click();
  return link;
}

test('a share link opened in a fresh browser shows the same diagram and leaves its saved network untouched', async ({ browser }) => {
  const author = await visitor(browser, { deleteVm2: true });
  const link = await copyLink(author.page);
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#network=1\./);
  const authorDrawing = await drawn(author.page);

  const reader = await visitor(browser, { deleteVm2: false });
  const own = await stored(reader.page);
  const ownDrawing = await drawn(reader.page);
  expect(ownDrawing).not.toEqual(authorDrawing);
  const tab = await reader.context.newPage();
  await tab.goto(link);
  await expect(tab.getByTestId('shared-banner')).toBeVisible();
  await expect.poll(() => drawn(tab)).toEqual(authorDrawing);
  await shot(tab, 'share-opened-link');
  // An edit in the shared view is not saved over the reader's network.
  await tab.locator('[data-rules=current]').click();
  await expect(tab.locator('[data-rules=current]')).toHaveAttribute('aria-pressed', 'true');
  expect(await stored(tab)).toBe(own);
  await expect(tab.getByTestId('save-status')).not.toHaveText('Saved');

  await tab.getByTestId('back-to-own').click();
  await expect(tab.getByTestId('shared-banner')).toHaveCount(0);
  await expect.poll(() => drawn(tab)).toEqual(ownDrawing);
  expect(await tab.evaluate(() => location.hash)).toBe('');
  expect(await stored(tab)).toBe(own);
  await author.context.close();
  await reader.context.close();
});

test('keep a copy first downloads the saved network, then saves the shared one in its place', async ({ browser }) => {
  const author = await visitor(browser, { deleteVm2: true });
  const link = await copyLink(author.page);
  const shared = await stored(author.page);
  const reader = await visitor(browser, { deleteVm2: false });
  const own = await stored(reader.page);
  const tab = await reader.context.newPage();
  await tab.goto(link);
  const [download] = await Promise.all([tab.waitForEvent('download'), tab.getByTestId('keep-shared').click()]);
  expect(fs.readFileSync(await download.path(), 'utf8')).toBe(own);
  await expect(tab.getByTestId('shared-banner')).toHaveCount(0);
  await expect(tab.getByTestId('save-status')).toHaveText('Saved');
  expect(await stored(tab)).toBe(shared);
  expect(await tab.evaluate(() => location.hash)).toBe('');
  await author.context.close();
  await reader.context.close();
});

for (const [lang, words] of [['en', 'was cut short'], ['es', 'está cortado']]) {
  test(`a truncated share link is explained (${lang}) and the visitor's network is shown, unchanged`, async ({ browser }) => {
    const author = await visitor(browser, { deleteVm2: true });
    const link = await copyLink(author.page);
    const reader = await visitor(browser, { deleteVm2: false });
    const own = await stored(reader.page);
    const ownIds = await ids(reader.page);
    const tab = await reader.context.newPage();
    const [page, fragment] = link.split('#');
    // Cut at a whole base64 quantum, as a chat app cuts a long line: the data ends early.
    const cut = fragment.slice(0, 'network=1.'.length + Math.floor((fragment.length - 10) / 8) * 4);
    await tab.goto(`${page}?lang=${lang}#${cut}`);
    await expect(tab.getByTestId('notice')).toContainText(words);
    await expect(tab.getByTestId('shared-banner')).toHaveCount(0);
    await expect.poll(() => ids(tab)).toEqual(ownIds);
    expect(await stored(tab)).toBe(own);
    await shot(tab, `share-truncated-${lang}`);
    await author.context.close();
    await reader.context.close();
  });
}
