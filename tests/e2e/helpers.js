// Shared helpers for the end-to-end journeys.
const path = require('path');

/** Saves a full-page screenshot under tests/e2e/screenshots/ (ignored by git) for a person to look at. */
async function shot(page, name) {
  await page.screenshot({ path: path.join(__dirname, 'screenshots', `${name}.png`) });
}

module.exports = { shot };
