import type { RequestEvent } from '@sveltejs/kit';

/**
 * `load` run at most once per request. SvelteKit runs a layout's and a page's loads side by side,
 * and both may need the same data: the second caller gets the first one's promise instead of
 * reading the database again.
 */
export function oncePerRequest<E extends RequestEvent, T>(
	load: (event: E) => Promise<T>
): (event: E) => Promise<T> {
	const loaded = new WeakMap<App.Locals, Promise<T>>();
	return (event) => {
		let result = loaded.get(event.locals);
		if (result === undefined) {
			result = load(event);
			loaded.set(event.locals, result);
		}
		return result;
	};
}
