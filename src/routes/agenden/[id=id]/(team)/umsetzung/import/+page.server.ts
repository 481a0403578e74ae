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
import { fileMessage, rowMessage } from './messages';
import type { Actions, PageServerLoad } from './$types';

const { monitoringImportMaxBytes } = readConfig();
const maxKb = Math.floor(monitoringImportMaxBytes / 1024);

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
function shown(dryRun: DryRun, text: string) {
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
		text
	};
}

/** The text of an upload: UTF-8 (with or without BOM), else Windows-1252 as older Excel saves. */
function decoded(bytes: Uint8Array): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return new TextDecoder('windows-1252').decode(bytes);
	}
}

function refusal(status: number, message: string) {
	return fail(status, { action: 'pruefen' as const, error: message });
}

export const actions: Actions = {
	pruefen: async (event) => {
		const { context } = importAccess(event);
		if (!context) return refusal(409, m.monitoring_import_no_decision());
		const file = (await readForm(event.request)).get('datei');
		if (!(file instanceof File) || file.size === 0) {
			return refusal(400, m.monitoring_import_error_no_file());
		}
		if (file.size > monitoringImportMaxBytes) {
			return refusal(413, m.monitoring_import_error_too_large({ max: maxKb }));
		}
		const text = decoded(new Uint8Array(await file.arrayBuffer()));
		const result = dryRunImport(db, context, text);
		if (!result.ok) return refusal(400, fileMessage(result));
		return { action: 'pruefen' as const, dryRun: shown(result.dryRun, text) };
	},

	ausfuehren: async (event) => {
		const { context, actor, canApprove } = importAccess(event);
		if (!context) return refusal(409, m.monitoring_import_no_decision());
		const form = await readForm(event.request);
		const text = form.get('inhalt');
		const fingerprint = form.get('pruefsumme');
		if (typeof text !== 'string' || typeof fingerprint !== 'string' || text === '') {
			return refusal(400, m.monitoring_import_error_no_file());
		}
		// The text came back from the browser: it gets the upload's limit again (as UTF-8, at
		// most twice as long as a Windows-1252 file).
		if (new TextEncoder().encode(text).length > 2 * monitoringImportMaxBytes) {
			return refusal(413, m.monitoring_import_error_too_large({ max: maxKb }));
		}
		const approve = form.get('freigeben') === 'on';
		if (approve && !canApprove) error(403, m.error_forbidden());
		const outcome = runImport(db, context, {
			text,
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
		const again = dryRunImport(db, context, text);
		if (!again.ok) return refusal(400, fileMessage(again));
		return fail(409, {
			action: 'pruefen' as const,
			error: m.monitoring_import_error_changed(),
			dryRun: shown(again.dryRun, text)
		});
	}
};
