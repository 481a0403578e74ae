import type * as Y from 'yjs';

/**
 * Changes a Y.Text to `next` by deleting and inserting only the differing middle part. Typing into
 * a bound input thus becomes a small insert at the caret, which merges with what others type
 * elsewhere in the same text, instead of a replacement of the whole text that would drop theirs.
 */
export function applyTextChange(text: Y.Text, next: string): void {
	const current = text.toString();
	if (current === next) return;
	let start = 0;
	const shorter = Math.min(current.length, next.length);
	while (start < shorter && current[start] === next[start]) start++;
	// Never cut a surrogate pair (an emoji …): Yjs would turn both halves into U+FFFD.
	if (start > 0 && isHighSurrogate(current.charCodeAt(start - 1))) start--;
	let end = 0;
	while (
		end < shorter - start &&
		current[current.length - 1 - end] === next[next.length - 1 - end]
	) {
		end++;
	}
	if (end > 0 && isLowSurrogate(current.charCodeAt(current.length - end))) end--;
	const removed = current.length - start - end;
	if (removed > 0) text.delete(start, removed);
	const inserted = next.slice(start, next.length - end);
	if (inserted) text.insert(start, inserted);
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
	return code >= 0xdc00 && code <= 0xdfff;
}
