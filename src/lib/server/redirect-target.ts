/**
 * A `weiter` (continue-to) parameter is only followed to a path on this site: "/x" yes,
 * "//evil.example", "/\evil.example" or "https://…" never (open-redirect protection).
 */
export function safeRedirectTarget(value: unknown, fallback = '/'): string {
	if (typeof value !== 'string' || value.length > 2000) return fallback;
	if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
	return value;
}
