// Baseline for `make bench`: Mozilla Readability under Node on the same HTML files, in one process.
// Usage: node bench/readability.js FILE...   (needs @mozilla/readability and jsdom, see bench/run.sh)
// Prints one line: "readability: N files, X MB in S s: R MB/s, P files/s".
const fs = require('fs');
const { JSDOM, VirtualConsole } = require('jsdom');
const { Readability } = require('@mozilla/readability');
const files = process.argv.slice(2);
let bytes = 0, failed = 0;
const t0 = process.hrtime.bigint();
for (const f of files) {
  const html = fs.readFileSync(f, 'utf8');
  bytes += Buffer.byteLength(html);
  try {
    const dom = new JSDOM(html, { url: 'https://example.org/', virtualConsole: new VirtualConsole() });
    const art = new Readability(dom.window.document).parse();
    if (art && art.textContent.length < 0) console.log('');
    dom.window.close();
  } catch (e) {
    failed++;
  }
}
const dt = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(`readability: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB in ${dt.toFixed(3)} s: ` +
  `${(bytes / 1e6 / dt).toFixed(1)} MB/s, ${(files.length / dt).toFixed(1)} files/s; failed on ${failed}`);
