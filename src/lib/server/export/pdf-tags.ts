/**
 * The tags of the PDF (its structure tree), for screen readers and PDF/A-2a's logical structure:
 * every block opens an element (`H1`, `P`, `L`, `Table` …) while it is drawn, every line drawn
 * becomes marked content of the innermost open element, and everything that is not content
 * (rules, cell backgrounds, the running header and footer, a repeated table header) is an
 * artifact. Elements open and close in the order the document is drawn, so the reading order of
 * the tree is the order of the document.
 */

export type StructureRole =
	| 'Document'
	| 'H1'
	| 'H2'
	| 'H3'
	| 'P'
	| 'L'
	| 'LI'
	| 'Lbl'
	| 'LBody'
	| 'BlockQuote'
	| 'Table'
	| 'Caption'
	| 'TR'
	| 'TH'
	| 'TD'
	| 'Link'
	| 'Span';

export interface ElementOptions {
	/** `TH` only: whether the header cell heads a column or a row. */
	scope?: 'Column' | 'Row';
	alt?: string;
	/** The text the element stands for, read instead of its content (a hyphenated word whole). */
	actual?: string;
}

/** An element of the tree, open for content until `end()`. */
export interface Tag {
	element: PDFKit.PDFStructureElement;
	role: StructureRole;
}

export class StructureTags {
	/** The elements content goes into, innermost last. */
	private readonly open: Tag[] = [];
	/** Inside an artifact nothing is tagged, whatever draws there. */
	private artifactDepth = 0;
	/** `Span`s of words broken across lines, open until their last part is drawn. */
	private readonly words = new Map<object, { tag: Tag | undefined; rest: number }>();

	constructor(private readonly doc: PDFKit.PDFDocument) {
		const root = doc.struct('Document');
		doc.addStructure(root);
		this.open.push({ element: root, role: 'Document' });
	}

	/**
	 * A new element below the innermost open one, for content drawn `within` it later: a cell
	 * whose lines alternate with its neighbour's, a list item's body that continues after its
	 * first paragraph. `end` it when it is complete. Undefined inside an artifact.
	 */
	add(role: StructureRole, options: ElementOptions = {}): Tag | undefined {
		if (this.artifactDepth > 0) return undefined;
		// pdfkit's types lack `scope`, the `Table` attribute it writes for a `TH`.
		const element = this.doc.struct(role, options as PDFKit.Mixins.StructureElementOptions);
		this.current.element.add(element);
		return { element, role };
	}

	end(tag: Tag | undefined) {
		tag?.element.end();
	}

	/** Draws `draw` with `tag` as the innermost open element. */
	within<T>(tag: Tag | undefined, draw: () => T): T {
		if (!tag) return draw();
		this.open.push(tag);
		try {
			return draw();
		} finally {
			this.open.pop();
		}
	}

	async withinAsync(tag: Tag | undefined, draw: () => Promise<void>): Promise<void> {
		if (!tag) return draw();
		this.open.push(tag);
		try {
			await draw();
		} finally {
			this.open.pop();
		}
	}

	/** A complete element: added, drawn into and ended. */
	element<T>(role: StructureRole, draw: () => T, options: ElementOptions = {}): T {
		const tag = this.add(role, options);
		try {
			return this.within(tag, draw);
		} finally {
			this.end(tag);
		}
	}

	async elementAsync(role: StructureRole, draw: () => Promise<void>): Promise<void> {
		const tag = this.add(role);
		try {
			await this.withinAsync(tag, draw);
		} finally {
			this.end(tag);
		}
	}

	/** What `draw` puts on the page is content of the innermost open element. */
	content(draw: () => void) {
		if (this.artifactDepth > 0) return draw();
		const { element, role } = this.current;
		const marked = this.doc.markStructureContent(role);
		try {
			draw();
		} finally {
			this.doc.endMarkedContent();
		}
		element.add(marked);
	}

	/**
	 * A `Link` element in the current one holding the link's text, drawn by `draw`, and its
	 * annotation, made by `annotate`: a screen reader reads the text as a link (PDF/UA 7.18.5).
	 */
	link(draw: () => void, annotate: (parent: PDFKit.PDFStructureElement | undefined) => void) {
		const tag = this.add('Link');
		this.within(tag, () => this.content(draw));
		annotate(tag?.element);
		this.end(tag);
	}

	/**
	 * One part (`length` characters) of a word broken across lines: all parts go into one `Span`
	 * whose ActualText is the whole word, so a screen reader reads „Personalkosten“, not
	 * „Personal“ and „kosten“. The Span ends with the word's last part.
	 */
	wordPart(word: { text: string }, length: number, draw: () => void) {
		if (this.artifactDepth > 0) return draw();
		const open = this.words.get(word) ?? {
			tag: this.add('Span', { actual: word.text }),
			rest: word.text.length
		};
		this.within(open.tag, () => this.content(draw));
		open.rest -= length;
		if (open.rest > 0) this.words.set(word, open);
		else {
			this.words.delete(word);
			this.end(open.tag);
		}
	}

	/** What `draw` puts on the page is decoration or pagination, skipped by a screen reader. */
	artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout') {
		if (this.artifactDepth > 0) return draw();
		this.doc.markContent('Artifact', { type });
		this.artifactDepth++;
		try {
			draw();
		} finally {
			this.artifactDepth--;
			this.doc.endMarkedContent();
		}
	}

	private get current(): Tag {
		const open = this.open.at(-1);
		if (!open) throw new Error('The document element of the tags is gone.');
		return open;
	}
}
