/**
 * A server-sent-events client for tests and benchmarks: opens a stream with a session cookie,
 * collects what arrives, and tells when (performance.now()) a pattern first appeared.
 */
export interface OpenEventStream {
	status: number;
	contentType: string | null;
	/** Everything received so far. */
	text(): string;
	/** Resolves with the performance.now() at which the `n`th match of `pattern` arrived. */
	until(pattern: RegExp, ms: number, n?: number): Promise<number>;
	close(): void;
}

export async function openEventStream(url: string, cookie?: string): Promise<OpenEventStream> {
	const controller = new AbortController();
	const response = await fetch(url, {
		redirect: 'manual',
		headers: { accept: 'text/event-stream', ...(cookie ? { cookie } : {}) },
		signal: controller.signal
	});
	let text = '';
	const waiters = new Set<() => void>();
	if (response.body) {
		const reader = response.body.getReader();
		const decoder = new TextDecoder();
		void (async () => {
			try {
				for (;;) {
					const { done, value } = await reader.read();
					if (done) return;
					text += decoder.decode(value, { stream: true });
					for (const wake of [...waiters]) wake();
				}
			} catch {
				// Closed by `close()`.
			}
		})();
	}
	const matches = (pattern: RegExp) =>
		text.match(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))?.length ?? 0;
	return {
		status: response.status,
		contentType: response.headers.get('content-type'),
		text: () => text,
		until(pattern, ms, n = 1) {
			return new Promise<number>((resolve, reject) => {
				const check = () => {
					if (matches(pattern) < n) return;
					waiters.delete(check);
					clearTimeout(timer);
					resolve(performance.now());
				};
				const timer = setTimeout(() => {
					waiters.delete(check);
					reject(new Error(`kein ${pattern} (${n}×) nach ${ms} ms: ${JSON.stringify(text)}`));
				}, ms);
				waiters.add(check);
				check();
			});
		},
		close: () => controller.abort()
	};
}
