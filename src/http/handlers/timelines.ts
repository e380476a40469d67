/** P3: a customer's timeline and the gaps report over Timelines; the report as CSV when the client asks for it. */
import type { GapReport } from '../../services/timelines';
import { acceptsCsv, csvResult, type CsvValue } from '../csv';
import type { RouteInput, RouteResult } from '../route';
import type { GapQueryParams, TenantParams } from '../schemas/requests';
import type { ApiServices } from './deps';

const GAP_CSV_HEADER = [
  'tenantId', 'customerName', 'workload', 'state', 'start', 'estimated', 'after', 'completedOn', 'gapDays', 'waiting',
] as const;

/** GET /api/reports/gaps as CSV: what its rows and columns are (the summary is left to the spreadsheet). */
export const GAPS_CSV = `A row per gap, customers by name and each customer's gaps in the order of its series: ${
  GAP_CSV_HEADER.join(', ')}; header row first.`;

function gapCsvRows(report: GapReport): CsvValue[][] {
  return report.customers.flatMap((c) => c.gaps.map((g) => [
    c.tenantId, c.name, g.workload, g.state, g.start, g.estimated, g.after, g.completedOn, g.gapDays, g.waiting,
  ]));
}

export function timelineHandlers({ timelines }: Pick<ApiServices, 'timelines'>) {
  return {
    async timeline(this: void, { params }: RouteInput<unknown, unknown, TenantParams>): Promise<RouteResult> {
      return { status: 200, body: await timelines.timeline(params.tenantId) };
    },

    async gaps(this: void, { query, header }: RouteInput<unknown, GapQueryParams, unknown>): Promise<RouteResult> {
      const report = await timelines.gaps(query);
      if (!acceptsCsv(header('accept'))) return { status: 200, body: report };
      return csvResult(`gaps-${report.from}-${report.to}.csv`, GAP_CSV_HEADER, gapCsvRows(report));
    },
  };
}
