import type { ErrorKind, FieldError } from '@keel/kernel'

export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  bad_request: 400,
  invalid: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  precondition_required: 428,
  rate_limited: 429,
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

/** An RFC 9457 problem document with Keel's stable `code`, the request id and the bad fields. */
export function problem(
  status: number,
  code: string,
  detail: string,
  requestId: string,
  errors: readonly FieldError[] = [],
) {
  return {
    type: `https://keel.dev/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    requestId,
    ...(errors.length > 0 ? { errors } : {}),
  }
}
