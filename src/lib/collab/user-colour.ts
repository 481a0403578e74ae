/**
 * Each collaborator gets one of eight colours, picked from their user id, so a person has the same
 * colour in every browser. The colours live in CSS (`.collab-colour-N`), not in inline styles,
 * which the Content-Security-Policy forbids; all have at least 4.5:1 contrast to white text.
 */
export const COLOUR_COUNT = 8;

export function colourIndex(userId: string): number {
	let hash = 0;
	for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
	return hash % COLOUR_COUNT;
}

export function colourClass(index: number): string {
	return `collab-colour-${index}`;
}
