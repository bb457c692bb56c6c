/** Puppeteer must not download its own Chrome (no internet here): use Debian's chromium. */
module.exports = {
  skipDownload: true,
  executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium',
};
