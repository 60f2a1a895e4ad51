// Journeys through the lesson player: every built-in lesson played to the end (show me
// for the tasks, the right choice for the predictions), a task done by real editing, a
// lesson in Spanish, presenter mode with the keyboard, resume after a reload,
// `?lesson=<id>&step=N`, a broken lesson file refused with its field path, and the
// learner's own saved network untouched by a lesson.
const fs = require('fs');
const path = require('path');
const { test, expect } = require('@playwright/test');
const { shot } = require('./helpers');

const lessonsDir = path.join(__dirname, '..', '..', 'lessons');
const lessonFile = (id) => JSON.parse(fs.readFileSync(path.join(lessonsDir, `${id}.json`), 'utf8'));
const builtinIds = ['ecs-networking', 'plan-cidrs', 'fix-broken-network', 'public-ips', 'hybrid-cloud'];

const panel = (page) => page.getByTestId('lesson');

async function atStep(page, n) {
  await expect(panel(page)).toHaveAttribute('data-step', String(n));
}

/** Passes the open step: "show me" for a task, the right choice for a prediction. */
async function passStep(page, step) {
  if (step.do) {
    await page.getByTestId('lesson-show-me').click();
    await expect(panel(page).locator('.lesson-step')).toHaveAttribute('data-passed', 'true');
  } else if (step.predict) {
    await page.getByTestId('lesson-choices').getByRole('button').nth(step.predict.answer).click();
    await expect(panel(page).locator('.lesson-step')).toHaveAttribute('data-passed', 'true');
    await expect(page.getByTestId('lesson-verdict')).not.toBeEmpty();
  }
}

/** Plays a lesson from its first step to the end and checks the summary. */
async function playThrough(page, id) {
  const lesson = lessonFile(id);
  await page.goto(`/?lesson=${id}&lang=en`);
  await expect(panel(page)).toHaveAttribute('data-lesson', id);
  await expect(panel(page)).toHaveAttribute('data-steps', String(lesson.steps.length));
  for (const [index, step] of lesson.steps.entries()) {
    await atStep(page, index + 1);
    await expect(panel(page).locator('.lesson-step h3')).toHaveText(step.title.en);
    await passStep(page, step);
    if (index + 1 < lesson.steps.length) {
      await page.getByTestId('lesson-next').click();
    }
  }
  const scored = lesson.steps.filter((step) => !step.show).length;
  await expect(page.getByTestId('lesson-summary')).toContainText(`${scored} / ${scored}`);
  await expect(page.getByTestId('lesson-problem')).toHaveCount(0);
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
});

for (const id of builtinIds) {
  test(`the built-in lesson ${id} plays to the end in English`, async ({ page }) => {
    test.setTimeout(90_000);
    await playThrough(page, id);
  });
}

test('the lessons menu lists the built-in lessons and a task is done by real editing', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto('/?lang=en');
  const menu = page.getByTestId('lessons-menu');
  await menu.locator('summary').click();
  await expect(menu.locator('.lesson-open')).toHaveCount(builtinIds.length);
  await page.getByTestId('lesson-open-ecs-networking').click();
  await atStep(page, 1);
  await page.getByTestId('lesson-next').click();
  await page.getByTestId('lesson-next').click();
  await atStep(page, 3);
  // Checking before doing anything explains what is missing.
  await page.getByTestId('lesson-check').click();
  await expect(page.getByTestId('lesson-verdict')).toContainText(/VSwitch/i);
  await page.getByTestId('lesson-hint').click();
  await expect(page.getByTestId('lesson-hint-text')).toBeVisible();
  await page.getByTestId('toolbar').locator('[data-action=CreateVSwitch]').click();
  const form = page.getByTestId('form');
  await form.locator('[name=ZoneId]').selectOption('ap-south-1a');
  await form.locator('[name=CidrBlock]').fill('192.168.1.0/24');
  await page.getByTestId('form-submit').click();
  await expect(form).toHaveCount(0);
  await page.getByTestId('lesson-check').click();
  await expect(panel(page).locator('.lesson-step')).toHaveAttribute('data-passed', 'true');
  await expect(page.getByTestId('lesson-verdict')).toContainText('Well done');
  // The next task is met by breaking a rule in the form: the refused call counts.
  await page.getByTestId('lesson-next').click();
  await atStep(page, 4);
  await page.getByTestId('toolbar').locator('[data-action=CreateVSwitch]').click();
  await form.locator('[name=ZoneId]').selectOption('ap-south-1b');
  await form.locator('[name=CidrBlock]').fill('192.168.1.128/25');
  await page.getByTestId('form-submit').click();
  await expect(form).toContainText('InvalidCidrBlock.Overlapped');
  await page.keyboard.press('Escape');
  await page.getByTestId('lesson-check').click();
  await expect(panel(page).locator('.lesson-step')).toHaveAttribute('data-passed', 'true');
  // Reset this step brings back the network as the step began.
  await page.getByTestId('lesson-back').click();
  await atStep(page, 3);
  await expect(page.getByTestId('diagram').locator('[data-kind=vswitch]')).toHaveCount(0);
  await shot(page, 'lessons-panel-1400-en');
});

test('a lesson plays in Spanish', async ({ page }) => {
  const lesson = lessonFile('public-ips');
  await page.goto('/?lesson=public-ips&lang=es');
  await expect(panel(page).locator('h2')).toHaveText(lesson.title.es);
  await expect(panel(page).locator('.lesson-step h3')).toHaveText(lesson.steps[0].title.es);
  await page.getByTestId('lesson-next').click();
  await expect(panel(page).locator('.lesson-question')).toHaveText(lesson.steps[1].predict.question.es);
  await page.getByTestId('lesson-choices').getByRole('button').nth(lesson.steps[1].predict.answer).click();
  await expect(page.getByTestId('lesson-verdict')).toContainText('¡Correcto!');
  await page.getByTestId('lesson-next').click();
  await page.getByTestId('lesson-check').click();
  await expect(page.getByTestId('lesson-verdict')).toContainText('Todavía no');
  await page.getByTestId('lesson-show-me').click();
  await expect(page.getByTestId('lesson-verdict')).toContainText('Bien hecho');
});

test('presenter mode fills the screen and the arrow keys step through', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/?lesson=ecs-networking&lang=en');
  await page.getByTestId('lesson-presenter').click();
  await expect(page.getByTestId('toolbar')).toBeHidden();
  await expect(page.locator('.app-header')).toBeHidden();
  await expect(page.getByTestId('side-panel')).toBeHidden();
  await expect(panel(page)).toBeVisible();
  // The diagram takes the whole height and all the width the lesson's column leaves.
  const box = await page.getByTestId('diagram').boundingBox();
  const column = await panel(page).boundingBox();
  expect(box.height).toBeGreaterThan(740);
  expect(box.width + column.width).toBeGreaterThan(1000);
  await page.keyboard.press('ArrowRight');
  await atStep(page, 2);
  await page.keyboard.press('ArrowRight');
  await atStep(page, 3);
  await page.keyboard.press('ArrowLeft');
  await atStep(page, 2);
  await shot(page, 'lessons-presenter-1024-en');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('toolbar')).toBeVisible();
});

test('a lesson resumes after a reload, and &step=N opens a step', async ({ page }) => {
  await page.goto('/?lesson=plan-cidrs&step=4&lang=en');
  await atStep(page, 4);
  await expect(page.getByTestId('diagram').locator('[data-kind=vpc]')).toHaveCount(1);
  await page.getByTestId('lesson-show-me').click();
  await page.getByTestId('lesson-next').click();
  await atStep(page, 5);
  await page.goto('/?lang=en');
  await expect(panel(page)).toHaveAttribute('data-lesson', 'plan-cidrs');
  await atStep(page, 5);
  await expect(panel(page).locator('.lesson-steps li').nth(3)).toHaveAttribute('data-passed', 'true');
});

test('a broken lesson file is refused with its field path', async ({ page }) => {
  await page.goto('/?lang=en');
  const broken = lessonFile('plan-cidrs');
  delete broken.steps[1].do.hint;
  await page.getByTestId('lessons-menu').locator('summary').click();
  await page.getByTestId('lesson-file').setInputFiles({
    name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)),
  });
  await expect(page.getByTestId('lesson-problem')).toContainText('steps[1].do');
  await expect(panel(page)).toHaveCount(0);
  await page.goto('/?lesson=no-such-lesson&lang=en');
  await expect(page.getByTestId('lesson-problem')).toContainText('no-such-lesson');
});

test('a teacher opens a lesson from a URL', async ({ page }) => {
  await page.route('**/my-lesson.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify(lessonFile('hybrid-cloud')) }));
  await page.goto('/?lesson=my-lesson.json&step=3&lang=en');
  await expect(panel(page)).toHaveAttribute('data-lesson', 'hybrid-cloud');
  await atStep(page, 3);
  await page.goto('/?lesson=missing.json&lang=en');
  await expect(page.getByTestId('lesson-problem')).toContainText('missing.json');
});

test("the learner's saved network is unchanged by a lesson", async ({ page }) => {
  await page.goto('/?lang=en');
  // A change of the learner's own, saved.
  await page.getByTestId('toolbar').locator('[data-action=CreateVSwitch]').click();
  await page.getByTestId('form').locator('[name=CidrBlock]').fill('192.168.9.0/24');
  await page.getByTestId('form-submit').click();
  await expect(page.getByTestId('save-status')).toHaveClass(/saved/);
  // The autosave runs once the change is painted.
  await page.waitForFunction(() => !document.documentElement.hasAttribute('data-save-pending'));
  const before = await page.evaluate(() => localStorage.getItem('vpclab:topology'));
  expect(before).toContain('192.168.9.0/24');
  await page.getByTestId('lessons-menu').locator('summary').click();
  await page.getByTestId('lesson-open-fix-broken-network').click();
  await page.getByTestId('lesson-next').click();
  await page.getByTestId('lesson-next').click();
  await page.getByTestId('lesson-show-me').click();
  expect(await page.evaluate(() => localStorage.getItem('vpclab:topology'))).toBe(before);
  expect(await page.evaluate(() => localStorage.getItem('vpclab:lesson:fix-broken-network'))).toContain('Shown');
  await page.getByTestId('lesson-leave').click();
  await expect(panel(page)).toHaveCount(0);
  await expect(page.getByTestId('diagram').locator('[data-kind=vswitch]')).toHaveCount(3);
  expect(await page.evaluate(() => localStorage.getItem('vpclab:topology'))).toBe(before);
  await page.reload();
  await expect(panel(page)).toHaveCount(0);
});

const sizes = [[1400, 900], [1024, 768], [390, 844]];
for (const lang of ['en', 'es']) {
  test(`screenshots of the lesson panel and presenter mode (${lang})`, async ({ page }) => {
    test.setTimeout(60_000);
    for (const [width, height] of sizes) {
      await page.setViewportSize({ width, height });
      await page.goto(`/?lesson=ecs-networking&step=9&lang=${lang}`);
      await atStep(page, 9);
      await page.getByTestId('lesson-choices').getByRole('button').first().click();
      await page.waitForTimeout(300);
      await shot(page, `lessons-panel-${width}-${lang}`);
      await page.getByTestId('lesson-presenter').click();
      await expect(page.getByTestId('toolbar')).toBeHidden();
      await shot(page, `lessons-presenter-${width}-${lang}`);
      await page.keyboard.press('Escape');
    }
  });
}
