import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { completeDocument } from '$lib/export/complete-document';
import type { ExportDocument } from '$lib/export/document';
import { participationReportDocument } from '$lib/export/participation-report-document';
import { progressReportDocument } from '$lib/export/progress-report-document';
import type { ParticipationSummary } from '$lib/export/resolution-draft';
import { readConfig } from '../config';
import { db } from '../db';
import { monitoringOverview } from '../monitoring/overview';
import { participationRounds } from '../participation/rounds';
import { getDecidingBody } from '../settings';
import { SharedRuns } from '../shared-run';
import { exportDocument, type DocumentKind } from './documents';
import { FileCache } from './file-cache';
import type { RenderJob } from './render-job';
import { RenderQueue } from './render-queue';
import { installedRenderWorker, RenderWorkers } from './render-workers';
import { exportParticipation, loadExportSource, type ExportAccess } from './source';

/** A rendered Word or PDF file and the Vorlage-Nr. its file name carries. */
export interface RenderedFile {
	bytes: Buffer;
	reference: string | null;
}

/**
 * What may be rendered as Word and PDF: the agenda's documents, the Beteiligungsbericht and the
 * Sachstandsbericht.
 */
export type RenderedKind = DocumentKind | 'participation-report' | 'progress-report';

const config = readConfig();
const files = new FileCache<RenderedFile>(config.exportCacheBytes);
const renders = new RenderQueue(config.exportRenderConcurrency);
const participationNow = new SharedRuns<ParticipationSummary | null>();
/** Decided at the first rendering: the production entry installs the worker before any request. */
let workers: RenderWorkers | null | undefined;

/** Renders in the queue: in a worker thread where the entry installed one, else in this one. */
function render(job: RenderJob): Promise<Buffer> {
	if (workers === undefined) {
		const script = installedRenderWorker();
		workers = script ? new RenderWorkers(() => new Worker(script)) : null;
	}
	const renderers = workers;
	return renders.run(async () => {
		if (renderers) return renderers.render(job);
		// Imported only here: with workers, this thread never loads pdfkit, docx and the fonts
		// (0.4 s of module evaluation at the first download, holding every other request).
		const { renderJob } = await import('./render-job');
		return renderJob(job);
	});
}

/** The document of an export, and what it depends on besides a Fassung's frozen content. */
interface PreparedDocument {
	/** Part of the cache key: null when nothing else matters. */
	dependsOn: unknown;
	/** Reads what the cache key does not hold (the Fassung's content) only when rendering. */
	build: () => Promise<{ document: ExportDocument; reference: string | null }>;
}

/**
 * The file of a permitted export. A Fassung's files are rendered once and then served from
 * memory: the key holds everything they depend on besides the frozen content, which is the
 * participation summary (it changes while the phase runs and when the AG answers), or for the
 * Beteiligungsbericht the whole report (comments, moderation, answers, supports). The draft
 * changes all the time and is rendered on every request. Either way, renderings wait in one
 * queue. `cached`: whether the bytes came from memory, null for the draft.
 */
export async function renderedFile(
	access: ExportAccess,
	kind: RenderedKind,
	format: 'docx' | 'pdf',
	now: Date
): Promise<RenderedFile & { cached: boolean | null }> {
	return renderedOnce(access, [kind, format], await prepare(access, kind, now), format, now);
}

/**
 * A document that is not an export of the agenda (an Anfrage's answer), rendered in the same
 * queue and kept in the same memory: its content is the key (hashed), so a changed answer is
 * rendered anew and an unchanged one is served from memory, whoever asks.
 */
export async function renderedDocument(
	document: ExportDocument,
	format: 'docx' | 'pdf',
	now: Date
): Promise<{ bytes: Buffer; cached: boolean }> {
	const hash = createHash('sha256').update(JSON.stringify(document)).digest('base64url');
	const { file, hit } = await files.getOrRender(
		JSON.stringify(['document', format, hash]),
		async () => ({
			bytes: await render({ format, document, createdAt: now }),
			reference: null
		})
	);
	return { bytes: file.bytes, cached: hit };
}

/** One part of the Gesamtdokument: a permitted export and the heading it starts under. */
export interface CompleteSource {
	access: ExportAccess;
	kind: RenderedKind;
	heading: (document: ExportDocument) => string;
}

/**
 * The Gesamtdokument: the parts' documents as one PDF (see `completeDocument`), cached like a
 * single file. Its key names which parts the visitor may read, so a citizen's copy without the
 * Beteiligungsbericht is never served to a member, nor the other way round.
 */
export async function renderedCompleteDocument(
	parts: CompleteSource[],
	now: Date
): Promise<RenderedFile & { cached: boolean | null }> {
	const [vorlage] = parts;
	if (!vorlage) throw new Error('A Gesamtdokument needs at least one part');
	const prepared = await Promise.all(
		parts.map(async (part) => ({ part, prepared: await prepare(part.access, part.kind, now) }))
	);
	return renderedOnce(
		vorlage.access,
		['complete', 'pdf', parts.map(({ kind, access }) => [kind, access.version?.id ?? null])],
		{
			dependsOn: prepared.map(({ prepared }) => prepared.dependsOn),
			build: async () => {
				const built = [];
				for (const { part, prepared: one } of prepared)
					built.push({ part, ...(await one.build()) });
				return {
					document: completeDocument(
						built.map(({ part, document }) => ({ heading: part.heading(document), document }))
					),
					reference: built[0]?.reference ?? null
				};
			}
		},
		'pdf',
		now
	);
}

/**
 * Renders a prepared document in the queue, once per Fassung: a Fassung's files are kept in memory
 * under `what` and what they depend on; the draft's are rendered on every request.
 */
async function renderedOnce(
	access: ExportAccess,
	what: unknown[],
	prepared: PreparedDocument,
	format: 'docx' | 'pdf',
	now: Date
): Promise<RenderedFile & { cached: boolean | null }> {
	const renderFile = async (): Promise<RenderedFile> => {
		const { document, reference } = await prepared.build();
		return { bytes: await render({ format, document, createdAt: now }), reference };
	};
	if (!access.version) return { ...(await renderFile()), cached: null };
	const key = JSON.stringify([access.row.id, access.version.id, ...what, prepared.dependsOn]);
	const { file, hit } = await files.getOrRender(key, renderFile);
	return { ...file, cached: hit };
}

async function prepare(
	access: ExportAccess,
	kind: RenderedKind,
	now: Date
): Promise<PreparedDocument> {
	if (kind === 'participation-report') return prepareReport(access, now);
	if (kind === 'progress-report') return prepareProgressReport(access);
	// Twenty downloads arriving together would each build the participation report: one does.
	const participation = await participationNow.run(`${access.row.id}:${access.version?.id}`, () =>
		exportParticipation(access, now.getTime())
	);
	const decidingBody = await getDecidingBody(db);
	return {
		dependsOn: [participation, decidingBody],
		build: async () => {
			const source = await loadExportSource(access, participation, decidingBody);
			return {
				document: exportDocument(kind, source, now),
				reference: source.agenda.resolution.reference.trim() || null
			};
		}
	};
}

/**
 * The report is read before the cache is asked, as its content is the key; hashed, so that a
 * report of thousands of comments does not sit in memory twice. It covers every round up to the
 * Fassung asked for, each in the state it has `now`, as the visitor may read it (`reportAudience`).
 * Its file name names the Fassung, not the Vorlage.
 */
async function prepareReport(access: ExportAccess, now: Date): Promise<PreparedDocument> {
	const { version } = access;
	const { reportAudience: audience } = access;
	const rounds = version
		? await participationRounds(db, access.row.id, {
				upToVersion: version.number,
				now: now.getTime(),
				audience
			})
		: null;
	if (!version || !rounds) throw new Error('The Beteiligungsbericht needs a Fassung');
	const input = { ...rounds, version: { number: version.number }, audience };
	const hash = createHash('sha256').update(JSON.stringify(input)).digest('base64url');
	return {
		// The team's and the public report are two files: named apart, whatever their content.
		dependsOn: [audience, hash],
		build: async () => ({ document: participationReportDocument(input, now), reference: null })
	};
}

/**
 * The Sachstandsbericht at the access's Stichtag, of the resolved Fassung (the access's
 * version). Its content is the monitoring overview, read before the cache is asked and hashed
 * into the key: a newly approved fact or a changed weight renders a new file, an unchanged
 * overview is served from memory. Approved facts only, whoever asks.
 */
async function prepareProgressReport(access: ExportAccess): Promise<PreparedDocument> {
	const { version, stichtag } = access;
	const overview = stichtag === null ? null : await monitoringOverview(db, access.row.id, stichtag);
	if (!version || !overview || overview.decision.versionId !== version.id) {
		throw new Error('The Sachstandsbericht needs the decided Fassung and a Stichtag');
	}
	const input = { ...overview, fassung: version.number };
	const hash = createHash('sha256')
		.update(JSON.stringify([input.decision, input.facts, [...input.weights], input.stichtag]))
		.digest('base64url');
	return {
		dependsOn: [stichtag, hash],
		build: async () => ({ document: progressReportDocument(input), reference: null })
	};
}
