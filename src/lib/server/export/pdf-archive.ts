/**
 * PDF/A-2 for the archive: pdfkit embeds the sRGB output intent (the ICC profile it ships) and
 * writes `pdfaid` into the XMP metadata. We claim conformance level B: the file is tagged
 * (`tagged`, see `pdf-tags.ts`) as level A asks, but no validator (veraPDF) checks it here, so
 * we do not claim what is unchecked.
 */
export const ARCHIVAL_OPTIONS = {
	tagged: true,
	subset: 'PDF/A-2b'
} as const satisfies PDFKit.PDFDocumentOptions;

interface WithInfo {
	info: Record<string, unknown>;
	appendXML(xml: string, newLine?: boolean): void;
	_addInfo(): void;
}

/**
 * PDF/A asks the XMP metadata to say what the Info dictionary says. pdfkit writes the Info
 * values into the XML unescaped (a title with „&“ or „<“ breaks the XMP) and leaves out the
 * modification date. Its `_addInfo`, called once when the document ends, is replaced by this.
 */
export function writeArchivalMetadata(doc: PDFKit.PDFDocument) {
	const target = doc as unknown as WithInfo;
	target._addInfo = () => target.appendXML(infoXmp(target.info));
}

function infoXmp(info: Record<string, unknown>): string {
	const text = (key: string) => {
		const value = info[key];
		return typeof value === 'string' && value !== '' ? escapeXml(value) : undefined;
	};
	const date = (key: string) => {
		const value = info[key];
		return value instanceof Date ? `${value.toISOString().split('.')[0]}Z` : undefined;
	};
	const element = (name: string, value: string | undefined) =>
		value === undefined ? '' : `<${name}>${value}</${name}>`;
	const alt = (value: string) =>
		`<rdf:Alt><rdf:li xml:lang="x-default">${value}</rdf:li></rdf:Alt>`;
	const title = text('Title');
	const author = text('Author');
	const subject = text('Subject');
	return [
		'<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
		element('xmp:CreateDate', date('CreationDate')),
		element('xmp:ModifyDate', date('ModDate')),
		element('xmp:CreatorTool', text('Creator')),
		'</rdf:Description>',
		'<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
		title === undefined ? '' : `<dc:title>${alt(title)}</dc:title>`,
		author === undefined
			? ''
			: `<dc:creator><rdf:Seq><rdf:li>${author}</rdf:li></rdf:Seq></dc:creator>`,
		subject === undefined ? '' : `<dc:description>${alt(subject)}</dc:description>`,
		'</rdf:Description>',
		'<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
		element('pdf:Producer', text('Producer')),
		'</rdf:Description>'
	].join('\n');
}

function escapeXml(text: string): string {
	return text
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;');
}
