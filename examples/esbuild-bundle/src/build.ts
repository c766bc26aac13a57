// `pnpm run bundle`: writes dist/bundle/app.mjs (ESM, minified) and dist/bundle/app.cjs (CommonJS) with the
// recommended settings. Run one with HH_API_KEY set (and HH_API_URL for another backend): `pnpm start`.
import * as path from 'node:path';
import { bundleApp } from './esbuild-options';

async function main(): Promise<void> {
  const out = path.join(__dirname, 'bundle');
  for (const file of [await bundleApp('esm', path.join(out, 'app.mjs'), { minify: true }), await bundleApp('cjs', path.join(out, 'app.cjs'))]) {
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
