/**
 * The customer routes over CustomerService (R4, R7, R8, R9, R1, R6): parse, call, answer the document + ETag. Who may
 * add a workload (the Gateway, an admin, the customer's own FM) is the service's to decide, on the stored customer.
 */
import type { ChangeContext } from '../../domain/customer';
import { DomainError } from '../../domain/errors';
import type { Customer, Versioned } from '../../domain/types';
import { timeZoneOf } from '../../services/directory';
import { etagHeader, ifMatchOf } from '../etag';
import { customerDocument } from '../representations';
import type { Caller, RouteInput, RouteResult } from '../route';
import type {
  AssigneeBody, NewCustomerBody, NewWorkloadBody, TenantParams, WorkloadParams, WorkloadPatchBody,
} from '../schemas/requests';
import type { ApiServices } from './deps';

type In<B, P> = RouteInput<B, unknown, P>;

function answer(status: number, saved: Versioned<Customer>, headers: Record<string, string> = {}): RouteResult {
  return { status, body: customerDocument(saved), headers: { ETag: etagHeader(saved.etag), ...headers } };
}

export function customerHandlers({ customers, directory }: Pick<ApiServices, 'customers' | 'directory'>) {
  /** "Today" is the caller's, when the directory knows them (an Entra user); API keys count days in UTC. */
  async function changeContext(caller: Caller): Promise<ChangeContext> {
    return customers.context(caller.actor, timeZoneOf(await directory.get(caller.principal.id)));
  }

  return {
    async create(this: void, { body }: In<NewCustomerBody, unknown>, caller: Caller): Promise<RouteResult> {
      const created = await customers.create(await changeContext(caller), body);
      return answer(201, created, { Location: `/api/customers/${created.value.tenantId}` });
    },

    async get(this: void, { params }: In<unknown, TenantParams>): Promise<RouteResult> {
      return answer(200, await customers.get(params.tenantId));
    },

    async assign(
      this: void, { body, params, header }: In<AssigneeBody, TenantParams>, caller: Caller,
    ): Promise<RouteResult> {
      const saved = await customers.assign(
        await changeContext(caller), params.tenantId, body, ifMatchOf(header('if-match')),
      );
      return answer(200, saved);
    },

    async addWorkload(
      this: void, { body, params, header }: In<NewWorkloadBody, TenantParams>, caller: Caller,
    ): Promise<RouteResult> {
      const { context, source, ...entry } = body;
      if (context !== undefined && source !== undefined && context !== source) {
        throw new DomainError('validation', 'The request is not valid.', [
          { path: 'context', message: 'context is the earlier name of source: give one of them (or the same value).' },
        ]);
      }
      const saved = await customers.addWorkload(
        await changeContext(caller), params.tenantId, { ...entry, source: source ?? context }, ifMatchOf(header('if-match')),
      );
      return answer(201, saved);
    },

    async changeWorkload(
      this: void, { body, params, header }: In<WorkloadPatchBody, WorkloadParams>, caller: Caller,
    ): Promise<RouteResult> {
      const saved = await customers.changeWorkload(
        await changeContext(caller), params.tenantId, params.workload, body, ifMatchOf(header('if-match')),
      );
      return answer(200, saved);
    },
  };
}
