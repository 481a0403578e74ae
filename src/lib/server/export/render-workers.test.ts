import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportDocument } from '../../export/document';
import { SAMPLE_DOCUMENT } from '../../export/testing/sample-document';
import { renderJob, type RenderJob } from './render-job';
import { tsxWorker } from '../../../../tests/support/tsx-worker';
import { RenderWorkers } from './render-workers';
import { docxText } from './testing/docx-text';

const CREATED_AT = new Date('2026-11-23T10:00:00Z');
// The TypeScript source: the bundled `build/render-worker.js` is there only after a build.
const RENDER_WORKER = new URL('./render-worker.ts', import.meta.url);

let workers: RenderWorkers | null = null;

function renderWorkers(
	options?: { idleMs?: number; timeoutMs?: number },
	start = () => tsxWorker(RENDER_WORKER)
): RenderWorkers {
	workers = new RenderWorkers(start, options);
	return workers;
}

/** A stand-in worker from plain JavaScript, for how the pool treats a worker's failures. */
function scriptWorker(code: string): () => Worker {
	return () => new Worker(code, { eval: true });
}

const JOB: RenderJob = { format: 'docx', document: SAMPLE_DOCUMENT, createdAt: CREATED_AT };

afterEach(async () => {
	await workers?.close();
	workers = null;
});

describe('RenderWorkers', () => {
	it('renders the same file in a worker thread as in this one, PDF and Word', async () => {
		const pool = renderWorkers();
		const pdf: RenderJob = { format: 'pdf', document: SAMPLE_DOCUMENT, createdAt: CREATED_AT };
		const [pdfInWorker, pdfHere] = await Promise.all([pool.render(pdf), renderJob(pdf)]);
		expect(pdfInWorker.subarray(0, 5).toString()).toBe('%PDF-');
		expect(pdfInWorker.equals(pdfHere)).toBe(true);
		// A Word file carries the time of packing and random link ids: its text is compared.
		const docx: RenderJob = { ...pdf, format: 'docx' };
		const [docxInWorker, docxHere] = await Promise.all([pool.render(docx), renderJob(docx)]);
		const [wordInWorker, wordHere] = await Promise.all([
			docxText(docxInWorker),
			docxText(docxHere)
		]);
		expect(wordInWorker.text).toBe(wordHere.text);
		expect(wordInWorker.text).toContain('Beschlussvorlage');
		expect([wordInWorker.headers, wordInWorker.footers]).toEqual([
			wordHere.headers,
			wordHere.footers
		]);
		// Both went to the one worker, one after the other.
		expect(pool.size).toBe(1);
	}, 60_000);

	it('starts a worker for each rendering at the same time', async () => {
		const pool = renderWorkers();
		const job: RenderJob = { format: 'pdf', document: SAMPLE_DOCUMENT, createdAt: CREATED_AT };
		const [first, second] = await Promise.all([pool.render(job), pool.render(job)]);
		expect(first.equals(second)).toBe(true);
		expect(pool.size).toBe(2);
	}, 60_000);

	it('passes a rendering error on and keeps the worker for the next job', async () => {
		const pool = renderWorkers();
		const broken: RenderJob = {
			format: 'pdf',
			document: { ...SAMPLE_DOCUMENT, blocks: null } as unknown as ExportDocument,
			createdAt: CREATED_AT
		};
		await expect(pool.render(broken)).rejects.toThrow('Rendern fehlgeschlagen');
		const file = await pool.render({ ...broken, document: SAMPLE_DOCUMENT });
		expect(file.subarray(0, 5).toString()).toBe('%PDF-');
		expect(pool.size).toBe(1);
	}, 60_000);

	it('lets an idle worker go', async () => {
		const pool = renderWorkers({ idleMs: 50 });
		await pool.render({ format: 'docx', document: SAMPLE_DOCUMENT, createdAt: CREATED_AT });
		expect(pool.size).toBe(1);
		await expect.poll(() => pool.size, { timeout: 5_000 }).toBe(0);
	}, 60_000);

	it('ends a rendering that does not finish in time, and its worker', async () => {
		// A worker that takes jobs and never answers.
		const pool = renderWorkers(
			{ timeoutMs: 200 },
			scriptWorker('require("node:worker_threads").parentPort.on("message", () => {});')
		);
		await expect(pool.render(JOB)).rejects.toThrow('Render-Worker beendet');
		expect(pool.size).toBe(0);
	}, 60_000);

	it('does not hand a job to a worker that ended while it waited', async () => {
		// Answers one job with a byte, then ends: the next job needs a new worker.
		const once = `const { parentPort } = require('node:worker_threads');
parentPort.once('message', () => {
	parentPort.postMessage({ bytes: new Uint8Array([1]) });
	setTimeout(() => process.exit(1), 20);
});`;
		const pool = renderWorkers({}, scriptWorker(once));
		expect([...(await pool.render(JOB))]).toEqual([1]);
		await expect.poll(() => pool.size, { timeout: 5_000 }).toBe(0);
		expect([...(await pool.render(JOB))]).toEqual([1]);
	}, 60_000);
});
