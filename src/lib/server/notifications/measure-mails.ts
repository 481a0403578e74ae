/**
 * The mails to the followers of a measure when an owner approves a fact about it: a Sachstand
 * (with the status change it brings, if it brings one) or a milestone reached. Indicator values
 * and finance statements stay on the progress page: they would mail too often for too little.
 * Sent through `notifyOnce` in the approval's transaction, so a mail exists exactly when the
 * approval does, and each approval reaches each follower once (`measure-fact:<factId>`).
 */
import { eq } from 'drizzle-orm';
import { berlinDay } from '$lib/berlin-time';
import { formatDay, formatNumber } from '$lib/format';
import { implementationStatusLabel } from '$lib/labels';
import type { MonitoringFact } from '$lib/monitoring/facts';
import { hasPublicProgress, progressMeasureHref } from '$lib/monitoring/links';
import { measureProgress } from '$lib/monitoring/progress';
import { m } from '$lib/paraglide/messages';
import type { Executor } from '../db/connection';
import { agendas, councilDecisions, type AccountLocale } from '../db/schema';
import { resolvedPlan } from '../monitoring/decisions';
import { measureFollowersOf } from './measure-follows';
import { notifyOnce, type NotificationMessage } from './notify';

export interface ApprovedFact {
	decisionId: string;
	/** The fact just approved. */
	fact: MonitoringFact;
	/** Every approved fact of the decision, this one included. */
	approved: readonly MonitoringFact[];
}

/** Tells each follower of the fact's measure; returns how many mails were queued. */
export async function notifyMeasureFollowers(
	tx: Executor,
	{ decisionId, fact, approved }: ApprovedFact,
	origin: string,
	now = Date.now()
): Promise<number> {
	if (fact.itemKind !== 'measure' || (fact.kind !== 'report' && fact.kind !== 'milestone')) {
		return 0;
	}
	const [decision] = await tx
		.select()
		.from(councilDecisions)
		.where(eq(councilDecisions.id, decisionId));
	const [agenda] = decision
		? await tx.select().from(agendas).where(eq(agendas.id, decision.agendaId))
		: [];
	// An agenda turned internal since somebody followed: nothing of it leaves the house.
	if (!decision || !agenda || !hasPublicProgress(agenda, true)) return 0;
	const plan = await resolvedPlan(tx, decision);
	const measure = plan.measures.find((entry) => entry.id === fact.itemId);
	if (!measure) return 0;
	const followers = await measureFollowersOf(tx, { agendaId: agenda.id, measureId: measure.id });
	if (followers.length === 0) return 0;

	// The status that counts today before and after this approval, by the foundation's one rule:
	// a Sachstand dated before a later approved one changes nothing that counts today.
	const today = berlinDay(new Date(now));
	const progressWith = (facts: readonly MonitoringFact[]) =>
		measureProgress(measure, plan.fundingSources, facts, today);
	const after = progressWith(approved);
	const before = progressWith(approved.filter((entry) => entry.id !== fact.id));
	const statusChange =
		before.status === after.status ? null : { from: before.status, to: after.status };

	const names = { measure: measure.title, agenda: agenda.title };
	const url = origin + progressMeasureHref(agenda.slug, measure.id);
	const texts = (locale: AccountLocale): Pick<NotificationMessage, 'subject' | 'paragraphs'> => {
		const current = m.mail_measure_current(
			{
				status: implementationStatusLabel(after.status, locale),
				percent: formatNumber(after.progress.percent, locale)
			},
			{ locale }
		);
		if (fact.kind === 'milestone') {
			const milestone =
				measure.milestones.find((entry) => entry.id === fact.milestoneId)?.title ??
				fact.milestoneId;
			return {
				subject: m.mail_measure_milestone_subject({ ...names, milestone }, { locale }),
				paragraphs: [
					m.mail_measure_milestone_intro(
						{ ...names, milestone, date: formatDay(fact.asOf, locale) },
						{ locale }
					),
					current
				]
			};
		}
		if (fact.kind !== 'report') return { subject: '', paragraphs: [] };
		const change = statusChange && {
			from: implementationStatusLabel(statusChange.from, locale),
			to: implementationStatusLabel(statusChange.to, locale)
		};
		return {
			subject: change
				? m.mail_measure_status_subject({ ...change, measure: measure.title }, { locale })
				: m.mail_measure_report_subject(names, { locale }),
			paragraphs: [
				m.mail_measure_report_intro({ ...names, date: formatDay(fact.asOf, locale) }, { locale }),
				...(change ? [m.mail_measure_status_changed(change, { locale })] : []),
				m.mail_measure_report_state(
					{ status: implementationStatusLabel(fact.status, locale) },
					{ locale }
				),
				...(fact.statusReason
					? [m.mail_measure_report_reason({ reason: fact.statusReason }, { locale })]
					: []),
				...(fact.progress === null
					? []
					: [
							m.mail_measure_report_progress(
								{ percent: formatNumber(fact.progress, locale) },
								{ locale }
							)
						]),
				m.mail_measure_report_text({ text: fact.text }, { locale }),
				current
			]
		};
	};

	let queued = 0;
	for (const { userId } of followers) {
		const sent = await notifyOnce(
			tx,
			{
				userId,
				kind: 'measure-followed',
				eventKey: `measure-fact:${fact.id}`,
				compose: ({ locale }) => ({
					...texts(locale),
					action: { label: m.mail_measure_action({}, { locale }), url },
					reason: m.mail_measure_footer({ measure: measure.title }, { locale })
				})
			},
			origin,
			now
		);
		if (sent) queued++;
	}
	return queued;
}
