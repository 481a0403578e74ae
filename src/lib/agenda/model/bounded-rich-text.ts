import { cutText } from '../../text/cut';
import { RICH_TEXT_MAX_CHARS, RICH_TEXT_MAX_DEPTH } from './limits';
import type { RichElementNode, RichMark, RichNode, RichText, RichTextNode } from './rich-text';

/**
 * Reads a long text from where it is stored (a Y.XmlFragment of the live document, read by
 * `../ydoc/rich-text-xml.ts`, or the JSON of a frozen Fassung) into `RichText` within the limits of `limits.ts`, whatever it holds: elements
 * deeper than `RICH_TEXT_MAX_DEPTH` are not nested further (their text is lifted into the element
 * at the limit), text beyond `RICH_TEXT_MAX_CHARS` is cut, and so is everything after as many
 * elements. Attribute values that are not plain (string, number, boolean, null) are dropped: they
 * could nest without end, too. Everything that reads rich text afterwards (exports, diffs, pages,
 * `JSON.stringify` of a Fassung) may recurse, because it never sees more than the limit.
 *
 * The kept part is read recursively (at most the limit deep); what lies below the limit is walked
 * with an explicit stack, so 100,000 levels cost time in proportion, not stack.
 */

export const TOO_DEEP = 'Zu tief verschachtelt; gekürzt.';
export const TOO_LONG = `Länger als ${RICH_TEXT_MAX_CHARS} Zeichen; gekürzt.`;
export const INVALID = 'Ungültiger Inhalt; ausgelassen.';

export interface BoundedRichText {
	text: RichText;
	/** What was cut or left out, once each (`TOO_DEEP`, `TOO_LONG`, `INVALID`). */
	problems: string[];
}

/** One stored node as the reader sees it: text, an element with children still to read, or nothing. */
export type SourceNode<T> =
	| { kind: 'text'; nodes: RichTextNode[] }
	| { kind: 'element'; type: string; attrs: Record<string, unknown> | undefined; children: T[] }
	| { kind: 'skip' };

/** Turns one stored node into a `SourceNode`; reports invalid parts through `invalid()`. */
export type NodeReader<T> = (item: T, invalid: () => void) => SourceNode<T>;

/** Reads `items`, stored nodes of any kind, with `readNode` within the limits. */
export function readBoundedRichText<T>(items: T[], readNode: NodeReader<T>): BoundedRichText {
	return new BoundedReader<T>(readNode).read(items);
}

/** A long text of a stored snapshot (trusted to be JSON, nothing more). */
export function readRichTextJson(value: unknown): BoundedRichText {
	const reader = new BoundedReader<unknown>(readJson);
	if (!Array.isArray(value)) return { text: [], problems: [INVALID] };
	return reader.read(value);
}

/** Whether `value` is rich text within the limits, exactly as the readers above return it. */
export function isBoundedRichText(value: unknown): value is RichText {
	return Array.isArray(value) && readRichTextJson(value).problems.length === 0;
}

class BoundedReader<T> {
	/** Characters of text and elements read so far: each may reach `RICH_TEXT_MAX_CHARS`. */
	private chars = 0;
	private elements = 0;
	private readonly problems = new Set<string>();
	private readonly invalid = () => this.problems.add(INVALID);

	constructor(private readonly readNode: NodeReader<T>) {}

	read(items: T[]): BoundedRichText {
		return { text: this.nodes(items, 1), problems: [...this.problems] };
	}

	private get full(): boolean {
		return this.chars >= RICH_TEXT_MAX_CHARS || this.elements >= RICH_TEXT_MAX_CHARS;
	}

	/** `items` as nodes at `depth` (1: the top-level blocks). */
	private nodes(items: T[], depth: number): RichNode[] {
		const out: RichNode[] = [];
		for (const item of items) {
			if (this.full) {
				this.problems.add(TOO_LONG);
				break;
			}
			const node = this.readNode(item, this.invalid);
			if (node.kind === 'skip') continue;
			if (node.kind === 'text') {
				out.push(...this.texts(node.nodes));
				continue;
			}
			if (depth > RICH_TEXT_MAX_DEPTH) {
				this.problems.add(TOO_DEEP);
				this.lift(item, out);
				continue;
			}
			this.elements += 1;
			const element: RichElementNode = { type: node.type };
			if (node.attrs) element.attrs = node.attrs;
			const content = this.nodes(node.children, depth + 1);
			if (content.length > 0) element.content = content;
			out.push(element);
		}
		return out;
	}

	/** Text nodes as long as characters are left; the one that crosses the limit is cut. */
	private texts(nodes: RichTextNode[]): RichTextNode[] {
		const kept: RichTextNode[] = [];
		for (const node of nodes) {
			const room = RICH_TEXT_MAX_CHARS - this.chars;
			const text = cutText(node.text, room);
			if (text.length < node.text.length) this.problems.add(TOO_LONG);
			if (text === '') break;
			this.chars += text.length;
			kept.push(text === node.text ? node : { ...node, text });
		}
		return kept;
	}

	/**
	 * The text below the limit, walked with a stack, as plain text in `out`: the text of each
	 * element apart from the next by a space, so that words of different paragraphs stay apart.
	 */
	private lift(root: T, out: RichNode[]) {
		const pieces: string[] = [];
		const stack: T[] = [root];
		while (stack.length > 0 && !this.full) {
			const node = this.readNode(stack.pop() as T, this.invalid);
			if (node.kind === 'text') {
				pieces.push(node.nodes.map((text) => text.text).join(''));
			} else if (node.kind === 'element') {
				this.elements += 1;
				for (let index = node.children.length - 1; index >= 0; index--) {
					stack.push(node.children[index] as T);
				}
			}
		}
		const joined = pieces.filter((piece) => piece !== '').join(' ');
		if (joined === '') return;
		const previous = out.at(-1);
		const separated = previous?.type === 'text' && !/\s$/.test((previous as RichTextNode).text);
		out.push(...this.texts([{ type: 'text', text: separated ? ` ${joined}` : joined }]));
	}
}

function readJson(value: unknown, invalid: () => void): SourceNode<unknown> {
	if (!isRecord(value) || typeof value.type !== 'string') {
		invalid();
		return { kind: 'skip' };
	}
	if (value.type === 'text') {
		if (typeof value.text !== 'string') {
			invalid();
			return { kind: 'skip' };
		}
		if (value.text === '') return { kind: 'skip' };
		return { kind: 'text', nodes: [textNode(value.text, jsonMarks(value.marks, invalid))] };
	}
	if (value.attrs !== undefined && !isRecord(value.attrs)) invalid();
	if (value.content !== undefined && !Array.isArray(value.content)) invalid();
	return {
		kind: 'element',
		type: value.type,
		attrs: isRecord(value.attrs) ? plainAttrs(value.attrs, invalid) : undefined,
		children: Array.isArray(value.content) ? value.content : []
	};
}

function jsonMarks(value: unknown, invalid: () => void): RichMark[] {
	if (value === undefined) return [];
	if (!Array.isArray(value)) {
		invalid();
		return [];
	}
	return value.flatMap((mark): RichMark[] => {
		if (!isRecord(mark) || typeof mark.type !== 'string') {
			invalid();
			return [];
		}
		if (mark.attrs !== undefined && !isRecord(mark.attrs)) invalid();
		const attrs = isRecord(mark.attrs) ? plainAttrs(mark.attrs, invalid) : undefined;
		return [attrs ? { type: mark.type, attrs } : { type: mark.type }];
	});
}

export function textNode(text: string, marks: RichMark[]): RichTextNode {
	return marks.length > 0 ? { type: 'text', text, marks } : { type: 'text', text };
}

/** The plain-valued attributes, or undefined when none are left. */
export function plainAttrs(
	attrs: Record<string, unknown>,
	invalid: () => void
): Record<string, unknown> | undefined {
	const plain: Record<string, unknown> = {};
	let any = false;
	for (const [key, value] of Object.entries(attrs)) {
		if (
			value === null ||
			typeof value === 'string' ||
			typeof value === 'boolean' ||
			(typeof value === 'number' && Number.isFinite(value))
		) {
			plain[key] = value;
			any = true;
		} else if (value !== undefined) {
			invalid();
		}
	}
	return any ? plain : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
