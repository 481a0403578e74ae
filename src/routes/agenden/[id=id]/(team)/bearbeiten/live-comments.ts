/**
 * The editor listens to its agenda's live comment stream and reloads the comments when citizens
 * or colleagues change something. Changes arriving together (a burst of posts, an answer and its
 * publication) are gathered for `delayMs` and cost one reload.
 */
export function followComments(url: string, reload: () => unknown, delayMs = 300): () => void {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const schedule = () => {
		timer ??= setTimeout(() => {
			timer = undefined;
			void reload();
		}, delayMs);
	};
	const source = new EventSource(url);
	let openedBefore = false;
	source.addEventListener('changed', schedule);
	// After a dropped connection the browser reconnects by itself; what changed meanwhile was
	// not announced, so reload once then.
	source.addEventListener('open', () => {
		if (openedBefore) schedule();
		openedBefore = true;
	});
	return () => {
		source.close();
		clearTimeout(timer);
	};
}
