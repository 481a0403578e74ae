import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => ({
	user: locals.user && {
		id: locals.user.id,
		displayName: locals.user.displayName,
		isAdmin: locals.user.isAdmin
	},
	// Where the language switch returns to.
	path: url.pathname + url.search
});
