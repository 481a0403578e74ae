import type { ExportDocument } from '../../export/document';
import { renderDocx } from './render-docx';
import { renderPdf } from './render-pdf';

/** One file to render: plain data, so that it can cross into a worker thread. */
export interface RenderJob {
	format: 'docx' | 'pdf';
	document: ExportDocument;
	createdAt: Date;
}

/** Renders a job where it is called: in a render worker (`render-worker.ts`) or in-thread. */
export function renderJob({ format, document, createdAt }: RenderJob): Promise<Buffer> {
	return format === 'pdf'
		? renderPdf(document, { createdAt })
		: renderDocx(document, { createdAt });
}
