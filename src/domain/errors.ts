import { english, isPhrase, type Phrase } from './phrases';

/**
 * One field-level problem, named by a JSON-pointer-like path (e.g. `workloads/1/engagementStartDate`). `message` is
 * the English the REST API answers with; `phrase`, when there is one, is what a person reads, in their language.
 */
export interface ErrorDetail {
  path: string;
  message: string;
  phrase?: Phrase;
}

/** A refusal as the layers pass it on: a DomainError or one of its details (English, and a phrase for people). */
export type Refusal = Pick<ErrorDetail, 'message' | 'phrase'>;

/** A detail a person may read (a card's field error): its English message and its phrase. */
export function detail(path: string, text: Phrase): ErrorDetail {
  return { path, message: english(text), phrase: text };
}

/**
 * Why a rule refused an operation. The HTTP and Teams layers map the code to a status and a message;
 * the domain never knows about either.
 */
export type DomainErrorCode = 'validation' | 'forbidden' | 'not_found' | 'conflict';

export class DomainError extends Error {
  /** What a person reads (teams/i18n says it in their language); the English `message` is the REST API's. */
  readonly phrase?: Phrase;

  constructor(
    readonly code: DomainErrorCode,
    text: string | Phrase,
    readonly details: ErrorDetail[] = [],
  ) {
    super(isPhrase(text) ? english(text) : text);
    this.name = 'DomainError';
    if (isPhrase(text)) this.phrase = text;
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
