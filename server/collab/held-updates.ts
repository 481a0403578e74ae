import * as Y from 'yjs';
import { lowerTo } from './library-internals';

/**
 * How much one connection may have held at a time, and how long after its first held update it
 * has to send what they build on. A reconnecting client sends its offline edits one round trip
 * after it opened the socket (its answer to the server's sync step 1): what it typed meanwhile
 * is small, and arrives well within both.
 */
export interface HoldLimits {
	maxBytes: number;
	deadlineMs: number;
}

export const DEFAULT_HOLD_LIMITS: HoldLimits = { maxBytes: 1024 * 1024, deadlineMs: 10_000 };

/**
 * The updates of one connection that build on something the document does not have yet, kept
 * as the raw updates (never in the document, where Yjs would write them into every later state)
 * until the connection sends their basis. Within its limits: beyond the byte limit nothing more
 * is held (`add` says so), and when the deadline passes first, `expired` is called once.
 *
 * Each held update comes with what it waits for (see `dropPendingStructs`), so that an update
 * of the connection that does not bring any of it costs no retry: retrying reads everything
 * held, up to the byte limit, and a small update must not buy that much work.
 */
export class HeldUpdates {
	private updates: Uint8Array[] = [];
	private bytes = 0;
	/** Per client, a clock the document's state must pass before anything held can apply. */
	private waitsFor = new Map<number, number>();
	private timer: ReturnType<typeof setTimeout> | null = null;

	constructor(
		private readonly limits: HoldLimits,
		private readonly expired: () => void
	) {}

	/**
	 * Holds `update` too; the deadline runs from the first. False when that would exceed the byte
	 * limit: then nothing is held any more.
	 */
	add(update: Uint8Array, waitsFor: Map<number, number>): boolean {
		this.bytes += update.byteLength;
		if (this.bytes > this.limits.maxBytes) {
			this.clear();
			return false;
		}
		this.updates.push(update);
		for (const [client, clock] of waitsFor) lowerTo(this.waitsFor, client, clock);
		this.timer ??= setTimeout(() => {
			this.clear();
			this.expired();
		}, this.limits.deadlineMs);
		return true;
	}

	/**
	 * Whether an update that brought structs of `clients` gave `doc` something a held update
	 * waits for: only then is a retry worth it. Looks at those clients only, so that what this
	 * costs grows with the update, not with what is held (many small held updates of many
	 * clients would make a look at all of them, for every update, quadratic).
	 */
	mayApplyAfter(doc: Y.Doc, clients: Iterable<number>): boolean {
		for (const client of clients) {
			const clock = this.waitsFor.get(client);
			if (clock !== undefined && Y.getState(doc.store, client) > clock) return true;
		}
		return false;
	}

	/** Everything held, as one update. */
	merged(): Uint8Array {
		const [only, ...more] = this.updates;
		return only && more.length === 0 ? only : Y.mergeUpdates(this.updates);
	}

	/** What still lacks its basis after a retry, in place of everything held; the deadline stays. */
	keep(rest: Uint8Array, waitsFor: Map<number, number>): void {
		this.updates = [rest];
		this.bytes = rest.byteLength;
		this.waitsFor = waitsFor;
	}

	/** Forgets everything held and stops the deadline. */
	clear(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
		this.updates = [];
		this.bytes = 0;
		this.waitsFor = new Map();
	}
}
