import { test as base, type BrowserContext } from '@playwright/test';

export { expect } from '@playwright/test';

const EXPECTED_CONSOLE_ERRORS = [
	// Error pages are loaded with their status on purpose; the browser logs that as an error.
	/^Failed to load resource: the server responded with a status of 4\d\d/
];

/**
 * Collects uncaught script errors and console errors of every page in a context: a failed
 * hydration or a CSP violation (e.g. of Kit's route announcer, whose style attribute needs its hash
 * in `style-src`) would otherwise go unnoticed, since every form also works without JavaScript.
 * Returns a function that lists what was collected.
 */
export function watchForErrors(context: BrowserContext): () => string[] {
	const errors: string[] = [];
	context.on('weberror', (webError) => {
		errors.push(`${webError.page()?.url()}: ${webError.error().stack ?? webError.error()}`);
	});
	context.on('console', (message) => {
		const text = message.text();
		if (message.type() === 'error' && !EXPECTED_CONSOLE_ERRORS.some((known) => known.test(text))) {
			errors.push(`${message.page()?.url()}: console.error ${text}`);
		}
	});
	return () => [...errors];
}

/** Playwright's `test`, failing any test whose pages threw or logged an error. */
export const test = base.extend<{ pageErrors: () => string[] }>({
	pageErrors: [
		async ({ context }, use) => {
			const errors = watchForErrors(context);
			await use(errors);
			base.expect(errors(), 'script or console errors in the browser').toEqual([]);
		},
		{ auto: true }
	]
});
