/**
 * How many turns the event loop took while `work` ran: a rendering that never yields lets (almost)
 * none happen, one that pauses between its pieces lets through one per pause. Counted, not timed.
 */
export async function turnsDuring(work: () => Promise<unknown>): Promise<number> {
	let turns = 0;
	let running = true;
	const tick = () => {
		if (!running) return;
		turns += 1;
		setImmediate(tick);
	};
	setImmediate(tick);
	try {
		await work();
	} finally {
		running = false;
	}
	return turns;
}
