/**
 * Puppeteer never downloads a browser of its own (no internet here): the pipeline finds an installed one
 * (pipeline/render/browser.ts: $PUPPETEER_EXECUTABLE_PATH, chromium-headless-shell, chromium, Chrome, Edge).
 */
module.exports = {
  skipDownload: true,
};
