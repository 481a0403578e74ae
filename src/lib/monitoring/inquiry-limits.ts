/**
 * How long an Anfrage's texts may be and how many questions and links it may have: the server's
 * checks (`server/monitoring/inquiries.ts`) and the forms' `maxlength` read them here.
 */
export const INQUIRY_LIMITS = {
	title: 300,
	reference: 100,
	askedBy: 200,
	oparlUrl: 2_000,
	preamble: 10_000,
	question: 5_000,
	answer: 20_000,
	/** Questions of one Anfrage; a pasted text is refused whole when it would pass this. */
	questions: 100,
	/** Items one question may be linked to. */
	links: 200,
	/** A pasted Anfrage, before it is split. */
	pasted: 100_000
} as const;
