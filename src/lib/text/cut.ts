/**
 * The first `max` UTF-16 units of `text` (the length JavaScript and the editor's `maxlength`
 * count), one fewer if the cut would split an emoji or another surrogate pair in half.
 */
export function cutText(text: string, max: number): string {
	if (text.length <= max) return text;
	const end = max > 0 && isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
	return text.slice(0, Math.max(0, end));
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}
