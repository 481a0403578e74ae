import { readConfig } from '../config';
import { exportDocument, type DocumentKind } from './documents';
import { FileCache } from './file-cache';
import { RenderQueue } from './render-queue';
import { renderDocx } from './render-docx';
import { renderPdf } from './render-pdf';
import { exportParticipation, loadExportSource, type ExportAccess } from './source';

/** A rendered Word or PDF file and the Vorlage-Nr. its file name carries. */
export interface RenderedFile {
	bytes: Buffer;
	reference: string | null;
}

const config = readConfig();
const files = new FileCache<RenderedFile>(config.exportCacheBytes);
const renders = new RenderQueue(config.exportRenderConcurrency);

/**
 * The file of a permitted export. A Fassung's files are rendered once and then served from
 * memory: the key holds everything they depend on besides the frozen content, which is the
 * participation summary (it changes while the phase runs and when the AG answers). The draft
 * changes all the time and is rendered on every request. Either way, renderings wait in one
 * queue. `cached`: whether the bytes came from memory, null for the draft.
 */
export async function renderedFile(
	access: ExportAccess,
	kind: DocumentKind,
	format: 'docx' | 'pdf',
	now: Date
): Promise<RenderedFile & { cached: boolean | null }> {
	const participation = exportParticipation(access);
	const render = async (): Promise<RenderedFile> => {
		const source = loadExportSource(access, participation);
		const document = exportDocument(kind, source, now);
		const bytes = await renders.run(() =>
			format === 'pdf'
				? renderPdf(document, { createdAt: now })
				: renderDocx(document, { createdAt: now })
		);
		return { bytes, reference: source.agenda.resolution.reference.trim() || null };
	};
	if (!access.version) return { ...(await render()), cached: null };
	const key = JSON.stringify([access.row.id, access.version.id, kind, format, participation]);
	const { file, hit } = await files.getOrRender(key, render);
	return { ...file, cached: hit };
}
