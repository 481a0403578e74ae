/**
 * The contract of one benchmark part: it runs against a real production build on loopback,
 * bounded in time and count, and returns numbers. `smoke` asks for the smallest run that still
 * goes through every step (used by `npm test`, so no part can rot); no caller asserts a timing.
 */
export interface BenchContext {
	smoke: boolean;
	log(message: string): void;
}

export type Value = number | string | boolean | null;

export interface PartResult {
	/** One row per configuration (e.g. per number of editors and per server). */
	rows: Record<string, Value>[];
	/** What the table in bench/README.md shows: which row keys, in which order. */
	columns: string[];
	/** Targets of the issue, checked against the rows: a sentence each, with the verdict. */
	targets?: { target: string; met: boolean | null; detail: string }[];
	notes?: string[];
}

export interface BenchPart {
	name: string;
	title: string;
	run(context: BenchContext): Promise<PartResult>;
}
