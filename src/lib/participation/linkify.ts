/**
 * Citizens write plain text; web addresses in it become links. Only `http://`, `https://` and
 * `www.` addresses are recognised, so `javascript:` or `data:` never turn into a link. Trailing
 * punctuation belongs to the sentence, not to the address ("Siehe https://example.org.").
 */
export type Segment = { type: 'text'; text: string } | { type: 'link'; text: string; href: string };

/** A candidate starts at a word boundary; it ends before whitespace, quotes or angle brackets. */
const CANDIDATE = /(?<![\p{L}\p{N}_@./:-])(?:https?:\/\/|www\.)[^\s<>"]+/giu;

const CLOSING: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** Longest address this module turns into a link; longer ones stay text. */
const MAX_URL_LENGTH = 2_000;

function count(text: string, char: string): number {
	let n = 0;
	for (const c of text) if (c === char) n += 1;
	return n;
}

/** Drops punctuation that ends the sentence, and closing brackets the address did not open. */
function trimTrailing(candidate: string): string {
	let url = candidate;
	for (;;) {
		const last = url.at(-1);
		if (last === undefined) return url;
		if (".,:;!?'*_".includes(last)) {
			url = url.slice(0, -1);
			continue;
		}
		const opening = CLOSING[last];
		if (opening !== undefined && count(url, last) > count(url, opening)) {
			url = url.slice(0, -1);
			continue;
		}
		return url;
	}
}

/** Something after the scheme or `www.` that looks like a host: a letter or digit first. */
function hasHost(url: string): boolean {
	const rest = url.replace(/^(?:https?:\/\/|www\.)/i, '');
	return /^[\p{L}\p{N}]/u.test(rest) && (!/^www\./i.test(url) || rest.includes('.'));
}

export function linkify(text: string): Segment[] {
	const segments: Segment[] = [];
	let position = 0;
	const pushText = (value: string) => {
		if (value === '') return;
		const previous = segments.at(-1);
		if (previous?.type === 'text') previous.text += value;
		else segments.push({ type: 'text', text: value });
	};
	for (const match of text.matchAll(CANDIDATE)) {
		const start = match.index;
		const url = trimTrailing(match[0]);
		if (!hasHost(url) || url.length > MAX_URL_LENGTH) continue;
		pushText(text.slice(position, start));
		const href = /^www\./i.test(url) ? `https://${url}` : url;
		segments.push({ type: 'link', text: url, href });
		position = start + url.length;
	}
	pushText(text.slice(position));
	return segments;
}

/**
 * The href of a link an editor set in rich text, if it is safe to render: http(s) and mailto only.
 * Anything else (`javascript:`, `data:`, relative paths) is shown as plain text instead.
 */
export function safeHref(href: unknown): string | null {
	if (typeof href !== 'string') return null;
	const value = href.trim();
	// eslint-disable-next-line no-control-regex -- control characters hide schemes from checks
	if (value.length > MAX_URL_LENGTH || /[\u0000-\u001f\u007f\s]/.test(value)) return null;
	if (/^https?:\/\/[^/?#]/i.test(value) || /^mailto:[^/]/i.test(value)) return value;
	return null;
}
