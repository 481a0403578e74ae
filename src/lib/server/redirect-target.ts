/**
 * A `weiter` (continue-to) parameter is only followed to a path on this site: "/x" yes,
 * "//evil.example", "/\evil.example" or "https://…" never (open-redirect protection).
 * Control characters are refused as well: browsers drop tabs and line breaks from a URL before
 * parsing it, so "/<TAB>/evil.example" would otherwise arrive as "//evil.example".
 */
export function safeRedirectTarget(value: unknown, fallback = '/'): string {
	if (typeof value !== 'string' || value.length > 2000) return fallback;
	// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
	if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
	if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
	return value;
}
