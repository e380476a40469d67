/** One field-level problem, named by a JSON-pointer-like path (e.g. `workloads/1/engagementStartDate`). */
export interface ErrorDetail {
  path: string;
  message: string;
}

/**
 * Why a rule refused an operation. The HTTP and Teams layers map the code to a status and a message;
 * the domain never knows about either.
 */
export type DomainErrorCode = 'validation' | 'forbidden' | 'not_found' | 'conflict';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** `parent/field`, or just `field` at the top level (a path never starts with `/`). */
export function fieldPath(parent: string, field: string): string {
  return parent === '' ? field : `${parent}/${field}`;
}

/** Throws one `validation` error carrying every detail, if there are any. */
export function throwIfInvalid(details: ErrorDetail[], message = 'The request is not valid.'): void {
  if (details.length > 0) throw new DomainError('validation', message, details);
}
