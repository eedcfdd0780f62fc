import type { Page } from '@playwright/test';
import { DEFAULT_INCIDENT_QUERY, type IncidentPage, type IncidentSort } from '../../../shared/commission/incident-list';
import type { IncidentDetail, IncidentSummary } from '../../../shared/commission/views';

/** Calls the app's API from the page, as its own scripts do (the session cookie is the page's). */
export async function callApi<T>(page: Page, operation: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    async ([op, body]) => {
      const response = await fetch(`/api/${op}`, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body });
      const reply = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!reply.ok) throw new Error(reply.error!.message);
      return reply.value;
    },
    [operation, JSON.stringify(args)] as const,
  ) as Promise<T>;
}

/** The incidents of the queue's first page in `sort` order. */
export async function listedIncidents(page: Page, sort: IncidentSort = DEFAULT_INCIDENT_QUERY.sort): Promise<readonly IncidentSummary[]> {
  return (await callApi<IncidentPage>(page, 'listIncidents', { ...DEFAULT_INCIDENT_QUERY, sort, limit: 500 })).items;
}

/** The first incident (in `sort` order) of the demo nobody has committed to yet, in round 1 (the `truceline` commands sign in round 1). */
export async function untouchedIncident(page: Page, sort: IncidentSort = DEFAULT_INCIDENT_QUERY.sort): Promise<IncidentSummary> {
  for (const summary of await listedIncidents(page, sort)) {
    if (summary.outcome.round !== 1) continue;
    const detail = await callApi<IncidentDetail>(page, 'getIncident', summary.id);
    const untouched = detail.tally.members.every((m) => m.standing === 'recused' || m.standing === 'observer' || (m.standing === 'awaited' && m.reason.includes('nothing')));
    if (untouched && detail.participation?.phase === null) return summary;
  }
  throw new Error('the demo has no incident without commitments');
}
