import type { MeasureProgress } from '$lib/monitoring/progress';
import { m } from '$lib/paraglide/messages';

/** Where a measure's progress number comes from, in words. */
export function progressSourceLabel(source: MeasureProgress['progress']['source']): string {
	switch (source) {
		case 'entered':
			return m.monitoring_public_source_entered();
		case 'milestones':
			return m.monitoring_public_source_milestones();
		case 'status':
			return m.monitoring_public_source_status();
		case 'none':
			return m.monitoring_public_source_none();
	}
}
