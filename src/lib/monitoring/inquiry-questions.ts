/**
 * Splits the pasted text of an Anfrage into its questions, as the clerk would: at lines that
 * start with the next number („1.“, „2)“, „Frage 3:“), or, when the Anfrage has no numbers, at
 * the next letter („a)“, „b.“). Only the next number in order starts a question, so a line
 * beginning with „2. Quartal“ inside question 5 stays where it is; letters under a numbered
 * question stay in that question. Nothing is lost: the markers are dropped (the answer numbers
 * the questions itself), every other line is kept, and text before the first marker is a
 * question of its own, which the clerk sees before saving and may delete.
 */

/** A numbered line: „1.“, „1)“, „Frage 1:“ (also „Frage 1.“), then the text or nothing. */
const NUMBERED = /^\s*(?:Frage\s+(\d{1,3})\s*[:.)]|(\d{1,3})[.)])(?:\s+|$)/iu;
/** A lettered line: „a)“ or „a.“. */
const LETTERED = /^\s*([a-z])[.)](?:\s+|$)/u;

interface Marker {
	/** 1 for „1.“ and „a)“, 2 for „2.“ and „b)“ … */
	ordinal: number;
	/** Where the question's own text begins on the line. */
	rest: number;
}

function numbered(line: string): Marker | null {
	const match = NUMBERED.exec(line);
	if (!match) return null;
	return { ordinal: Number(match[1] ?? match[2]), rest: match[0].length };
}

function lettered(line: string): Marker | null {
	const match = LETTERED.exec(line);
	if (!match?.[1]) return null;
	return { ordinal: match[1].charCodeAt(0) - 'a'.charCodeAt(0) + 1, rest: match[0].length };
}

export function splitQuestions(text: string): string[] {
	const lines = text.replace(/\r\n?/g, '\n').split('\n');
	const byNumbers = split(lines, numbered);
	if (byNumbers.length > 1 || startsWithMarker(lines, numbered)) return byNumbers;
	return split(lines, lettered);
}

function startsWithMarker(lines: readonly string[], marker: (line: string) => Marker | null) {
	const first = lines.find((line) => line.trim() !== '');
	return first !== undefined && marker(first)?.ordinal === 1;
}

function split(lines: readonly string[], marker: (line: string) => Marker | null): string[] {
	const questions: string[][] = [[]];
	let next = 1;
	for (const line of lines) {
		const found = marker(line);
		if (found && found.ordinal === next) {
			questions.push([line.slice(found.rest)]);
			next += 1;
		} else {
			questions.at(-1)?.push(line);
		}
	}
	return questions.map((question) => question.join('\n').trim()).filter((text) => text !== '');
}
