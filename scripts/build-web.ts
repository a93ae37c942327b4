/**
 * Builds the browser code into web/dist (git-ignored): the embeddable widget (one IIFE file with
 * its CSS inside), the agent console (hashed JS and CSS and its index.html) and the demo page.
 * Runs before `npm start` and `npm test` (prestart/pretest) and from the e2e tests; takes well
 * under a second. `tsx scripts/build-web.ts` prints the widget's gzipped size.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { build, transform, type Plugin } from 'esbuild';

const ROOT = path.resolve(__dirname, '..');
const WEB = path.join(ROOT, 'web');
/** Browsers the widget must run in (older Safari mis-handles destructuring, so esbuild needs 14.1+). */
const TARGET = ['es2019', 'chrome70', 'firefox68', 'safari14.1', 'edge79'];
/** The console runs in agents' current browsers as ES modules (dynamic import for its pages). */
const CONSOLE_TARGET = ['es2020', 'chrome87', 'firefox78', 'safari14.1', 'edge88'];

/** Sizes of the built widget, for the README and the build log. */
export interface WebBuildResult {
  outDir: string;
  widgetBytes: number;
  widgetGzipBytes: number;
  consoleGzipBytes: number;
}

/** CSS imported by TypeScript becomes its minified text (the widget adopts it in its shadow root). */
const cssAsText: Plugin = {
  name: 'css-as-text',
  setup(b) {
    b.onLoad({ filter: /\.css$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      const { code } = await transform(source, { loader: 'css', minify: true, target: TARGET });
      return { contents: code, loader: 'text' };
    });
  },
};

/**
 * The widget's socket runs on long-polling and WebSocket; engine.io-client's transport table also
 * pulls in its WebTransport client (about 0.9 KB gzipped), which this server never offers (it
 * needs HTTP/3). The table is loaded without it; a changed table fails the build instead of
 * bundling it silently.
 */
const withoutWebTransport: Plugin = {
  name: 'engine.io-without-webtransport',
  setup(b) {
    b.onLoad({ filter: /engine\.io-client[\\/]build[\\/]esm[\\/]transports[\\/]index\.js$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      const contents = source.replace(/^import \{ WT \} from "\.\/webtransport\.js";\n/m, '').replace(/^\s*webtransport: WT,\n/m, '');
      if (contents.includes('WT')) throw new Error(`engine.io-client's transport table changed (${args.path}): update withoutWebTransport in scripts/build-web.ts`);
      return { contents, loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};

function gzipSize(file: string): number {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

async function buildWidget(outDir: string, minify: boolean): Promise<string> {
  const outfile = path.join(outDir, 'widget.js');
  await build({
    entryPoints: [path.join(WEB, 'widget/main.ts')],
    outfile,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: TARGET,
    minify,
    legalComments: 'none',
    plugins: [cssAsText, withoutWebTransport],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * The console: Preact components as ES modules, split so that pages load when first opened
 * (chunks in assets/, hashed like the entry), and its stylesheet; index.html names both.
 */
async function buildConsole(outDir: string, minify: boolean): Promise<string> {
  const dir = path.join(outDir, 'console');
  const assets = path.join(dir, 'assets');
  await fs.promises.rm(dir, { recursive: true, force: true });
  const result = await build({
    entryPoints: { console: path.join(WEB, 'console/main.tsx'), styles: path.join(WEB, 'console/console.css') },
    outdir: assets,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: CONSOLE_TARGET,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify,
    sourcemap: 'linked',
    legalComments: 'none',
    metafile: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((f) => path.basename(f));
  const js = outputs.find((f) => /^console-.*\.js$/.test(f));
  const css = outputs.find((f) => /^styles-.*\.css$/.test(f));
  if (!js || !css) throw new Error(`console build produced no bundle (${outputs.join(', ')})`);
  const html = (await fs.promises.readFile(path.join(WEB, 'console/index.html'), 'utf8'))
    .replace('%CONSOLE_JS%', `/console/assets/${js}`)
    .replace('%CONSOLE_CSS%', `/console/assets/${css}`);
  await fs.promises.writeFile(path.join(dir, 'index.html'), html);
  return path.join(assets, js);
}

async function copyDemo(outDir: string): Promise<void> {
  const dir = path.join(outDir, 'demo');
  await fs.promises.mkdir(dir, { recursive: true });
  for (const file of await fs.promises.readdir(path.join(WEB, 'demo'))) {
    await fs.promises.copyFile(path.join(WEB, 'demo', file), path.join(dir, file));
  }
}

/** Builds everything into `outDir` (default web/dist); `minify: false` for debugging. */
export async function buildWeb(options: { outDir?: string; minify?: boolean } = {}): Promise<WebBuildResult> {
  const outDir = options.outDir ?? path.join(WEB, 'dist');
  const minify = options.minify ?? true;
  await fs.promises.mkdir(outDir, { recursive: true });
  const [widget, consoleJs] = await Promise.all([buildWidget(outDir, minify), buildConsole(outDir, minify), copyDemo(outDir)]);
  return {
    outDir,
    widgetBytes: fs.statSync(widget).size,
    widgetGzipBytes: gzipSize(widget),
    consoleGzipBytes: gzipSize(consoleJs),
  };
}

if (require.main === module) {
  const started = Date.now();
  buildWeb({ minify: !process.argv.includes('--dev') })
    .then((r) => {
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
      process.stdout.write(
        `web: built ${path.relative(ROOT, r.outDir)} in ${Date.now() - started} ms — widget.js ${kb(r.widgetBytes)} (${kb(r.widgetGzipBytes)} gzipped), console ${kb(r.consoleGzipBytes)} gzipped\n`,
      );
    })
    .catch((err: unknown) => {
      process.stderr.write(`web build failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    });
}
