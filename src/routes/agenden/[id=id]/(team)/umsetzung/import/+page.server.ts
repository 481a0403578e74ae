import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { can } from '$lib/permissions';
import { agendaAccess, refuse, TEAM_AREA } from '$lib/server/agendas/access';
import { readConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { readForm } from '$lib/server/forms/parse';
import { currentDecision, resolvedPlan } from '$lib/server/monitoring/decisions';
import {
	dryRunImport,
	mayImport,
	reportingRights,
	runImport,
	type DryRun,
	type ImportContext
} from '$lib/server/monitoring/import';
import { uploadRecords } from '$lib/server/monitoring/upload';
import { createUploadStore } from '$lib/server/monitoring/upload-store';
import { fileMessage, rowMessage } from './messages';
import type { Actions, PageServerLoad } from './$types';

const { monitoringImportMaxBytes } = readConfig();
const maxKb = Math.floor(monitoringImportMaxBytes / 1024);

/** How long a checked file waits for its import. */
const KEEP_MINUTES = 30;
/**
 * Checked files waiting for their import, in this process: room for sixteen of the largest at
 * once (8 MB by default); more, and the oldest check has to be run again.
 */
const uploads = createUploadStore({
	maxBytes: 16 * monitoringImportMaxBytes,
	ttlMs: KEEP_MINUTES * 60_000
});

/**
 * The import of monitoring data: writers on every measure, patrons on their own. An import
 * hands the facts in for approval (the owners approve them in the usual queue); an owner may
 * approve them in the same step, which is the approval the rule asks for.
 */
function importAccess(event: RequestEvent<{ id: string }>) {
	const { agenda, user, role } = agendaAccess(event, TEAM_AREA);
	const actor = { user, role, userId: user.id };
	const decision = currentDecision(db, agenda.id);
	if (!decision) {
		// Nobody is a patron before the decision; only writers learn that there is none yet.
		if (!can(actor, 'monitoring.write', agenda)) refuse(event);
		return { agenda, actor, context: null, canApprove: false };
	}
	const plan = resolvedPlan(db, decision);
	if (!mayImport(actor, agenda, plan)) refuse(event);
	const context: ImportContext = {
		decision,
		plan,
		mayReportOn: reportingRights(actor, agenda, plan)
	};
	return { agenda, actor, context, canApprove: can(actor, 'monitoring.approve', agenda) };
}

export const load: PageServerLoad = (event) => {
	const { context, canApprove } = importAccess(event);
	return { hasDecision: context !== null, canApprove, maxKb };
};

/** What the page shows of a dry run, and what the form that runs the import sends back. */
function shown(dryRun: DryRun, token: string) {
	const count = (outcome: string) =>
		dryRun.rows.filter((row) => row.result.outcome === outcome).length;
	return {
		rows: dryRun.rows.map((row) => ({
			line: row.line,
			title: row.title,
			outcome: row.result.outcome,
			message: rowMessage(row)
		})),
		counts: { new: count('new'), skipped: count('skipped'), errors: count('error') },
		fingerprint: dryRun.fingerprint,
		token
	};
}

function refusal(status: number, message: string) {
	return fail(status, { action: 'pruefen' as const, error: message });
}

export const actions: Actions = {
	pruefen: async (event) => {
		const { agenda, actor, context } = importAccess(event);
		if (!context) return refusal(409, m.monitoring_import_no_decision());
		const file = (await readForm(event.request)).get('datei');
		if (!(file instanceof File) || file.size === 0) {
			return refusal(400, m.monitoring_import_error_no_file());
		}
		if (file.size > monitoringImportMaxBytes) {
			return refusal(413, m.monitoring_import_error_too_large({ max: maxKb }));
		}
		const bytes = new Uint8Array(await file.arrayBuffer());
		const read = await uploadRecords(bytes);
		if (!read.ok) return refusal(400, fileMessage(read));
		const result = dryRunImport(db, context, read.records);
		if (!result.ok) return refusal(400, fileMessage(result));
		// Kept only when there is something to import (the page then offers the import).
		const token =
			result.dryRun.accepted.length > 0
				? uploads.put({ userId: actor.userId, agendaId: agenda.id }, bytes)
				: '';
		return { action: 'pruefen' as const, dryRun: shown(result.dryRun, token) };
	},

	ausfuehren: async (event) => {
		const { agenda, context, actor, canApprove } = importAccess(event);
		if (!context) return refusal(409, m.monitoring_import_no_decision());
		const form = await readForm(event.request);
		const token = form.get('datei_token');
		const fingerprint = form.get('pruefsumme');
		if (typeof token !== 'string' || typeof fingerprint !== 'string' || token === '') {
			return refusal(400, m.monitoring_import_error_no_file());
		}
		const bytes = uploads.get(token, { userId: actor.userId, agendaId: agenda.id });
		if (!bytes) return refusal(410, m.monitoring_import_error_expired({ minutes: KEEP_MINUTES }));
		// The stored file was read once already; reading it again cannot fail differently.
		const read = await uploadRecords(bytes);
		if (!read.ok) return refusal(400, fileMessage(read));
		const approve = form.get('freigeben') === 'on';
		if (approve && !canApprove) error(403, m.error_forbidden());
		const outcome = await runImport(db, context, {
			records: read.records,
			fingerprint,
			state: approve ? 'approved' : 'submitted',
			actorId: actor.userId
		});
		if (outcome.ok) {
			return {
				action: 'ausfuehren' as const,
				success: approve
					? m.monitoring_import_done_approved({ count: outcome.imported })
					: m.monitoring_import_done_submitted({ count: outcome.imported })
			};
		}
		if (outcome.problem === 'nothing-to-import') {
			return refusal(400, m.monitoring_import_error_nothing());
		}
		if (outcome.problem !== 'changed') return refusal(400, fileMessage(outcome));
		// Something changed since the check: show the new result, import nothing.
		const again = dryRunImport(db, context, read.records);
		if (!again.ok) return refusal(400, fileMessage(again));
		return fail(409, {
			action: 'pruefen' as const,
			error: m.monitoring_import_error_changed(),
			dryRun: shown(again.dryRun, token)
		});
	}
};
