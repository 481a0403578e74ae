import type { RequestEvent } from '@sveltejs/kit';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { ExportDocument } from '$lib/export/document';
import { bundleFileName } from '$lib/export/file-names';
import { formatDateTime } from '$lib/format';
import { oparlExport } from './oparl';
import { renderedCompleteDocument, renderedFile, type RenderedKind } from './rendered-files';
import { exportAccess, exportParticipation, loadExportSource, requireExportAccess } from './source';
import type { ExportAccess } from './source';

/** One document of the package as the visitor may have it. */
interface PackagePart {
	kind: RenderedKind;
	access: ExportAccess;
	/** The start of its file names in the ZIP, e.g. `02-anlage-1-strategie`. */
	stem: string;
	/** What it is, for the index. */
	label: string;
	/** The Anlage number, null for the Vorlage. */
	annex: number | null;
}

const PARTS = [
	{ kind: 'beschlussvorlage', stem: '01-beschlussvorlage', label: 'Beschlussvorlage', annex: null },
	{
		kind: 'strategy',
		stem: '02-anlage-1-strategie',
		label: 'Anlage 1: Digitale Agenda (Strategie)',
		annex: 1
	},
	{ kind: 'finance-plan', stem: '03-anlage-2-finanzplan', label: 'Anlage 2: Finanzplan', annex: 2 },
	{
		kind: 'participation-report',
		stem: '04-anlage-3-beteiligungsbericht',
		label: 'Anlage 3: Beteiligungsbericht',
		annex: 3
	}
] as const satisfies Omit<PackagePart, 'access'>[];

const OPARL_ENTRY = '05-oparl-paper.json';
const INDEX_ENTRY = 'inhalt.txt';

/**
 * The Vorlage and the annexes the visitor may read, each decided by the same check as its single
 * file (`exportAccess`): whoever may not have the Vorlage gets nothing (refused like it); a
 * citizen gets the public Beteiligungsbericht (`reportAudience`). The annexes are of the Vorlage's Fassung, the report of
 * the Fassung citizens last took part on, as the Vorlage and its preview name it.
 */
export function packageParts(event: RequestEvent<{ id: string }>, now: Date): PackagePart[] {
	const vorlage = requireExportAccess(event, 'beschlussvorlage', now);
	const fassung = vorlage.version?.number ?? null;
	const reportFassung = exportParticipation(vorlage, now.getTime())?.rounds.at(-1)?.version.number;
	return PARTS.flatMap((part): PackagePart[] => {
		if (part.kind === 'beschlussvorlage') return [{ ...part, access: vorlage }];
		if (part.kind === 'participation-report' && reportFassung === undefined) return [];
		const access = exportAccess(
			event,
			part.kind,
			now,
			part.kind === 'participation-report' ? reportFassung : fassung
		);
		return access ? [{ ...part, access }] : [];
	});
}

/**
 * `paket.zip`: every part as PDF/A and Word (from the render cache where it has them), the
 * Vorlage's OParl Paper and `inhalt.txt` saying what each file is. PDF and DOCX are compressed
 * already and only stored.
 */
export async function exportPackage(
	event: RequestEvent<{ id: string }>,
	now: Date
): Promise<{ bytes: Uint8Array; fileName: string }> {
	const parts = packageParts(event, now);
	const rendered = await Promise.all(
		parts.flatMap((part) =>
			(['pdf', 'docx'] as const).map(async (format) => ({
				name: `${part.stem}.${format}`,
				description: `${part.label} (${format === 'pdf' ? 'PDF/A' : 'Word'})`,
				file: await renderedFile(part.access, part.kind, format, now)
			}))
		)
	);
	const entries: Zippable = {};
	const index: [string, string][] = [];
	for (const { name, description, file } of rendered) {
		entries[name] = [file.bytes, { level: 0 }];
		index.push([name, description]);
	}
	const [vorlage] = parts;
	if (!vorlage) throw new Error('A package without its Vorlage');
	const paper = oparlExport(event.url, await loadExportSource(vorlage.access), now).paper;
	entries[OPARL_ENTRY] = strToU8(`${JSON.stringify(paper, null, 2)}\n`);
	index.push([
		OPARL_ENTRY,
		'Die Vorlage als OParl-1.1-Paper (JSON) mit Beratungsfolge und Dateien'
	]);
	const reference = rendered[0]?.file.reference ?? null;
	entries[INDEX_ENTRY] = strToU8(packageIndex(vorlage.access, reference, index, now));
	return {
		bytes: zipSync(entries, { mtime: now }),
		fileName: bundleFileName('package', nameContext(vorlage.access, reference))
	};
}

/**
 * The index a clerk reads before uploading: what the package is and what each file holds.
 * Windows line ends, as it is most often opened where ALLRIS and SessionNet run.
 */
function packageIndex(
	access: ExportAccess,
	reference: string | null,
	files: [string, string][],
	now: Date
): string {
	const width = Math.max(...files.map(([name]) => name.length)) + 2;
	const lines = [
		`Beschlussvorlage ${reference ?? '(ohne Vorlage-Nr.)'}: Paket für das Ratsinformationssystem`,
		`${access.row.title}, ${access.version ? `Fassung ${access.version.number}` : 'aktueller Entwurf'}, erstellt am ${formatDateTime(now, 'de')}`,
		'',
		...files.map(([name, description]) => `${name.padEnd(width)}${description}`),
		''
	];
	return lines.join('\r\n');
}

/**
 * `gesamtdokument.pdf`: the Vorlage and the annexes the visitor may read as one PDF, each part
 * under a top-level bookmark.
 */
export async function exportCompleteDocument(
	event: RequestEvent<{ id: string }>,
	now: Date
): Promise<{ bytes: Uint8Array; fileName: string; cached: boolean | null }> {
	const parts = packageParts(event, now);
	const [vorlage] = parts;
	if (!vorlage) throw new Error('A Gesamtdokument without its Vorlage');
	const { bytes, reference, cached } = await renderedCompleteDocument(
		parts.map((part) => ({
			access: part.access,
			kind: part.kind,
			heading: (document: ExportDocument) =>
				part.annex === null ? document.title : `Anlage ${part.annex}: ${document.title}`
		})),
		now
	);
	return {
		bytes,
		cached,
		fileName: bundleFileName('complete', nameContext(vorlage.access, reference))
	};
}

function nameContext(access: ExportAccess, reference: string | null) {
	return { reference, slug: access.row.slug, fassung: access.version?.number ?? null };
}
