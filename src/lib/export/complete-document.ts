import { block, type Block, type ExportDocument } from './document';

/** One part of the Gesamtdokument: the Vorlage or an annex, and the bookmark it starts with. */
export interface CompletePart {
	/** E.g. `Beschlussvorlage 2026/0123` or `Anlage 1: Digitale Agenda Musterstadt`. */
	heading: string;
	document: ExportDocument;
}

/**
 * The Vorlage and its annexes as one printable document, for members who read them on a tablet:
 * each part on a new portrait page under a level-1 heading (a top-level bookmark) that names it
 * and under its own running header and footer (an annex's pages say they are the annex), its own
 * headings one level lower so that its bookmarks nest below. One document model rendered
 * once, rather than PDF files merged, so that the tags, fonts and PDF/A metadata stay those of
 * one file. A part's title page becomes its heading and the lines below it; what the heading
 * says already (the title, a first heading of the same words) is not said again.
 */
export function completeDocument(parts: CompletePart[]): ExportDocument {
	const [first] = parts;
	if (!first) throw new Error('A Gesamtdokument needs at least one part');
	return {
		title: `Gesamtdokument: ${first.document.title}`,
		subject: first.document.subject,
		header: first.document.header,
		footer: first.document.footer,
		blocks: parts.flatMap((part) => [
			block.pageBreak('portrait', {
				header: part.document.header,
				footer: part.document.footer
			}),
			block.heading(1, part.heading),
			...titlePageBlocks(part),
			...withoutRepeatedHeading(part).map(demoted)
		])
	};
}

/** The title page's lines as paragraphs, but for its title where the part's heading says it. */
function titlePageBlocks({ heading, document }: CompletePart): Block[] {
	const { titlePage } = document;
	if (!titlePage) return [];
	const title = heading.includes(titlePage.title) ? null : titlePage.title;
	const lines = [titlePage.kicker, title, titlePage.subtitle, ...titlePage.lines];
	return lines.filter((line): line is string => Boolean(line)).map((line) => block.paragraph(line));
}

/**
 * The part's blocks without a first heading that its heading already says („Beschlussvorlage“
 * under „Beschlussvorlage 2026/0123“): the reader and the bookmarks get the name once.
 */
function withoutRepeatedHeading({ heading, document }: CompletePart): Block[] {
	const [first, ...rest] = document.blocks;
	const repeated = first?.type === 'heading' && heading.includes(first.text);
	return repeated ? rest : document.blocks;
}

function demoted(part: Block): Block {
	if (part.type === 'heading') return { ...part, level: lower(part.level) };
	if (part.type === 'rich') return { ...part, baseLevel: lower(part.baseLevel) };
	return part;
}

function lower(level: 1 | 2 | 3): 2 | 3 {
	return level === 1 ? 2 : 3;
}
