/**
 * Participation pages go to anonymous readers without the app's scripts. Everything a reader can
 * do there works as plain HTML (links, the GET filter, the language form, "log in to comment"),
 * so hydrating would only cost a cheap phone ~60 KiB of JavaScript to fetch, parse and run, plus
 * the page's data a second time, inlined for the client. Logged-in citizens, who write, get the
 * app as usual: their forms update the thread in place.
 */

/**
 * SvelteKit's boot script: it imports the client and hands it the page's data. The data is
 * serialised with `<` escaped, so the first `</script>` after the start is the script's end.
 */
const BOOT_SCRIPT = /<script(?:\s[^>]*)?>\s*\{\s*__sveltekit_\w+\s*=[\s\S]*?<\/script>\s*/;

/** The page's HTML without the boot script (for `transformPageChunk`). */
export function withoutAppScript(html: string): string {
	return html.replace(BOOT_SCRIPT, '');
}

/**
 * Drops the `Link` preloads of the client's modules (a browser would fetch them anyway) and
 * lets no script run on the page at all.
 */
export function withoutScriptHeaders(headers: Headers): void {
	const link = headers.get('link');
	if (link) {
		const kept = link.split(/,\s*(?=<)/).filter((entry) => !/rel="?modulepreload/.test(entry));
		if (kept.length > 0) headers.set('link', kept.join(', '));
		else headers.delete('link');
	}
	const policy = headers.get('content-security-policy');
	if (policy) {
		headers.set('content-security-policy', policy.replace(/script-src [^;]*/, "script-src 'none'"));
	}
}
