// Extracted as .puppeteerrc.cjs next to package.json, where puppeteer's install script looks for its settings:
// Zupa drives the system Chromium, so `npm ci` must never download a browser of its own.
module.exports = { skipDownload: true };
