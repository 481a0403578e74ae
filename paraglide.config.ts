import type { CompilerOptions } from '@inlang/paraglide-js';

/**
 * How Paraglide compiles the messages: one source for the Vite plugin (dev, build) and for
 * `npm run messages` (svelte-check and the unit tests, which run without the plugin).
 */
export const paraglideOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	// German unless the visitor chose English in the footer (a preference cookie).
	strategy: ['cookie', 'baseLocale']
} satisfies CompilerOptions;
