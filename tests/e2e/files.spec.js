// Files in and out: the network downloaded as a JSON document, a scenario, Terraform; the
// diagram as SVG and PNG pictures of the drawn size; a file imported from the picker or
// dropped on the diagram, the same network coming back; a bad file explained with the
// network left as it was; and a share link too long to share, with the file offered instead.
const { test, expect } = require('@playwright/test');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { shot } = require('./helpers');

const KEY = 'vpclab:topology';
const FIXTURES = path.join(__dirname, 'fixtures');
// What is stored once the autosave waiting for its frame (if any) has run.
const stored = async (page) => {
  await page.waitForFunction(() => !document.documentElement.hasAttribute('data-save-pending'));
  return page.evaluate((key) => localStorage.getItem(key), KEY);
};
/** What the diagram draws: every element's id and accessible name, in order. */
const drawn = (page) => page.getByTestId('diagram').locator('[data-id]')
  .evaluateAll((shapes) => shapes.map((shape) => `${shape.dataset.id} ${shape.getAttribute('aria-label')}`));
/** What the diagram draws without the ids (a scenario rebuilds with ids of its own): each
 * element's kind and accessible name (names, addresses, public IPs), sorted. */
const drawnUpToIds = (page) => page.getByTestId('diagram').locator('[data-id]')
  .evaluateAll((shapes) => shapes.map((shape) => `${shape.dataset.kind} ${shape.getAttribute('aria-label')}`).sort());

/** The app on an empty storage (the article's network), in `lang`. */
async function fresh(page, lang = 'en') {
  await page.goto(`/?lang=${lang}`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByTestId('diagram').locator('[data-kind=instance]')).toHaveCount(3);
}

/** Clicks the download button `testId` and returns the file's name and bytes. */
async function download(page, testId) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
}

/** Imports `bytes` as a file named `name` through the "Import a file…" picker. */
async function importFile(page, name, bytes) {
  await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(bytes) });
}

/** Deletes VM2 of the article's network (so the network differs from the example, with a gap in its ids). */
async function deleteVm2(page) {
  await page.getByTestId('diagram').locator('[data-kind=instance][aria-label*="VM2"]').click();
  await page.getByTestId('properties').getByTestId('delete').click();
  await expect(page.getByTestId('diagram').locator('[data-kind=instance]')).toHaveCount(2);
  await expect(page.getByTestId('save-status')).toHaveClass(/\bsaved\b/);
}

/** The drawn size the canvas reports, as [width, height]. */
async function drawnSize(page) {
  const size = await page.getByTestId('diagram').getAttribute('data-picture-size');
  return size.split('x').map(Number);
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes) {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

test('the SVG and PNG pictures are standalone images of the drawn size, with the colours and fonts as drawn', async ({ page }) => {
  await fresh(page);
  const [width, height] = await drawnSize(page);
  expect(width).toBeGreaterThan(100);

  const svg = await download(page, 'download-svg');
  expect(svg.name).toMatch(/^vpclab-vpc-article-\d{4}-\d\d-\d\d\.svg$/);
  const text = svg.bytes.toString('utf8');
  const root = text.match(/<svg [^>]*>/)[0];
  expect(root).toContain('xmlns="http://www.w3.org/2000/svg"');
  expect(root).toContain(`width="${width}"`);
  expect(root).toContain(`height="${height}"`);
  expect(root).toContain(`viewBox="0 0 ${width} ${height}"`);
  // Every element drawn on screen is in the picture, with the words of its labels.
  const ids = await page.getByTestId('diagram').locator('[data-id]').count();
  expect(text.match(/ data-id="/g)).toHaveLength(ids);
  for (const words of ['VM1', 'VM3', '192.168.1.1', 'vpc-article']) expect(text).toContain(words);
  // The stylesheet's colours and fonts are written in (the VPC's fill, the titles' weight).
  expect(text).toContain('fill="rgb(232, 241, 255)"');
  expect(text).toMatch(/font-family="[^"]*system-ui/);
  expect(text).toContain('font-weight="600"');
  expect(text).not.toMatch(/ class=| tabindex=| role=/);

  const png = await download(page, 'download-png');
  expect(png.name).toMatch(/^vpclab-vpc-article-\d{4}-\d\d-\d\d\.png$/);
  expect(pngSize(png.bytes)).toEqual([width, height]);
  // Drawn, not blank: the middle of the VPC box has the VPC's colour, as on screen.
  const vpc = await page.getByTestId('diagram').locator('[data-kind=vpc] > rect').first();
  const box = await vpc.evaluate((rect) => ({ x: rect.x.baseVal.value, y: rect.y.baseVal.value }));
  const pixel = await page.evaluate(async ({ data, x, y }) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    return Array.from(context.getImageData(x, y, 1, 1).data);
  }, { data: png.bytes.toString('base64'), x: Math.round(box.x + 6), y: Math.round(box.y + 40) });
  expect(pixel).toEqual([232, 241, 255, 255]);
});

test('a network downloaded as JSON and imported again is the same network, and undo brings back the one before', async ({ page }) => {
  await fresh(page);
  // Drawn icons before the words, not emoji (boxes on a machine without an emoji font).
  await expect(page.getByTestId('copy-link')).toHaveText('Copy link');
  await expect(page.getByTestId('copy-link').locator('svg.icon')).toHaveCount(1);
  await expect(page.locator('label.import-file svg.icon')).toHaveCount(1);
  await deleteVm2(page);
  const before = await drawn(page);
  const saved = await stored(page);
  const json = await download(page, 'download-json');
  expect(json.name).toMatch(/^vpclab-vpc-article-\d{4}-\d\d-\d\d\.json$/);
  expect(JSON.parse(json.bytes.toString('utf8')).vpclab).toBe('topology');

  await page.getByTestId('new-network').click();
  await expect(page.getByTestId('diagram').locator('[data-kind=instance]')).toHaveCount(0);
  await importFile(page, json.name, json.bytes);
  await expect(page.getByTestId('notice')).toContainText(`Imported the network in “${json.name}”`);
  await expect.poll(() => drawn(page)).toEqual(before);
  await expect.poll(() => stored(page)).toBe(saved);

  await page.getByTestId('undo').click();
  await expect(page.getByTestId('diagram').locator('[data-kind=instance]')).toHaveCount(0);
});

test('a network of 5,000 instances downloaded as JSON (1.1 MB) imports back and is saved', async ({ page }) => {
  await fresh(page);
  // `vpclab example 5000 | vpclab export --format json -`: what "Download JSON" writes for it.
  const bytes = zlib.gunzipSync(fs.readFileSync(path.join(FIXTURES, 'large-5000-export.json.gz')));
  expect(bytes.length).toBeGreaterThan(1 << 20);
  await importFile(page, 'large-5000.json', bytes);
  await expect(page.getByTestId('notice')).toContainText('Imported the network in “large-5000.json”');
  await expect(page.getByTestId('diagram').locator('[data-kind=vswitch]')).toHaveCount(5);
  await expect(page.getByTestId('diagram').locator('[data-kind=more]')).not.toHaveCount(0);
  const saved = JSON.parse(await stored(page));
  expect(saved.instances.length).toBe(5000);
  await shot(page, 'files-import-5000');
});

test('a network downloaded as a scenario and imported again is the same network', async ({ page }) => {
  await fresh(page);
  await importFile(page, 'three-regions.json', fs.readFileSync(path.join(FIXTURES, 'three-regions.json')));
  await expect(page.getByTestId('diagram').locator('[data-kind=instance]')).toHaveCount(8);
  const before = await drawnUpToIds(page);
  const scenario = await download(page, 'download-scenario');
  expect(scenario.name).toMatch(/\.scenario\.json$/);
  const parsed = JSON.parse(scenario.bytes.toString('utf8'));
  expect(parsed.vpclab).toBe('scenario');
  expect(parsed.steps.length).toBeGreaterThan(8);
  const terraform = await download(page, 'download-terraform');
  expect(terraform.name).toMatch(/\.tf$/);
  expect(terraform.bytes.toString('utf8')).toContain('resource "alicloud_vpc"');

  await page.getByTestId('new-network').click();
  await importFile(page, scenario.name, scenario.bytes);
  await expect(page.getByTestId('notice')).toContainText('Imported the scenario');
  await expect.poll(() => drawnUpToIds(page)).toEqual(before);
});

for (const [lang, words] of [
  ['en', ['was not imported', 'Your network is unchanged', 'vsw-0002']],
  ['es', ['No se importó', 'Tu red no ha cambiado', 'vsw-0002']],
]) {
  test(`a bad file is explained (${lang}) and the network stays as it was`, async ({ page }) => {
    await fresh(page, lang);
    await deleteVm2(page);
    const before = await drawn(page);
    const saved = await stored(page);
    // A network whose second VSwitch lies outside its VPC: the restore path names it.
    const bad = JSON.parse(saved);
    bad.vswitches[1].cidr_block = '10.9.0.0/24';
    await importFile(page, 'broken.json', JSON.stringify(bad));
    const notice = page.getByTestId('notice');
    for (const word of words) await expect(notice).toContainText(word);
    await expect(notice).toContainText('broken.json');
    await shot(page, `files-bad-file-${lang}`);
    expect(await drawn(page)).toEqual(before);
    expect(await stored(page)).toBe(saved);
    await expect(page.getByTestId('undo')).toBeEnabled();

    // Not JSON at all, and JSON that is not vpclab's: each has its own reason.
    await importFile(page, 'notes.json', 'hello');
    await expect(notice).toContainText(lang === 'en' ? 'it is not JSON' : 'no es JSON');
    await importFile(page, 'other.json', '{"name": "x"}');
    await expect(notice).toContainText(lang === 'en' ? 'it is not a vpclab file' : 'no es un archivo de vpclab');
    expect(await drawn(page)).toEqual(before);
    expect(await stored(page)).toBe(saved);
  });
}

test('a network file dropped on the diagram is imported', async ({ page }) => {
  await fresh(page);
  const text = fs.readFileSync(path.join(FIXTURES, 'two-regions.json'), 'utf8');
  const transfer = await page.evaluateHandle((content) => {
    const data = new DataTransfer();
    data.items.add(new File([content], 'two-regions.json', { type: 'application/json' }));
    return data;
  }, text);
  await page.getByTestId('diagram').dispatchEvent('dragover', { dataTransfer: transfer });
  await page.getByTestId('diagram').dispatchEvent('drop', { dataTransfer: transfer });
  await expect(page.getByTestId('notice')).toContainText('Imported the network in “two-regions.json”');
  const document = JSON.parse(text);
  await expect(page.getByTestId('diagram').locator('[data-kind=vpc]')).toHaveCount(document.vpcs.length);
  await expect(page.getByTestId('diagram').locator('[data-kind=instance]')).toHaveCount((document.instances || []).length);
  await expect.poll(async () => JSON.parse(await stored(page)).vpcs.map((vpc) => vpc.id))
    .toEqual(document.vpcs.map((vpc) => vpc.id));
});

test('a share link past 8 KB warns and offers the file, which imports back as the same network', async ({ page }) => {
  await fresh(page);
  await importFile(page, 'large-1000.json', fs.readFileSync(path.join(FIXTURES, 'large-1000.json')));
  await expect(page.getByTestId('notice')).toContainText('1000 instances');
  await page.getByTestId('copy-link').click();
  const status = page.getByTestId('link-status');
  await expect(status).toContainText('past the 8 KB');
  await expect(status).toContainText('Share the file instead');
  await expect(page.getByTestId('share-link')).toHaveCount(0);
  await shot(page, 'files-link-too-long');
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('share-download').click()]);
  expect(file.suggestedFilename()).toMatch(/^vpclab-large-\d{4}-\d\d-\d\d\.json$/);
  const offered = JSON.parse(fs.readFileSync(await file.path(), 'utf8'));
  expect(offered.vpclab).toBe('topology');
  expect(offered.instances).toHaveLength(1000);
  await page.getByTestId('link-close').click();
  await expect(page.getByTestId('link-dialog')).toHaveCount(0);
});
