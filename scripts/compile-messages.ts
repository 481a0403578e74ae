/** `npm run messages`: compiles messages/*.json as the Vite plugin does (paraglide.config.ts). */
import { compile } from '@inlang/paraglide-js';
import { paraglideOptions } from '../paraglide.config.ts';

await compile(paraglideOptions);
// The inlang SDK leaves file handles open that would keep Node waiting half a minute; Paraglide's
// own CLI ends the same way.
process.exit(0);
