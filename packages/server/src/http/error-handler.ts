import { DomainError, isRetryableDbError, type FieldError } from '@keel/kernel'
import type { FastifyError, FastifyInstance } from 'fastify'
import { problem, STATUS_BY_KIND } from './problem.ts'

const PROBLEM_TYPE = 'application/problem+json; charset=utf-8'

/** The only place that maps failures to HTTP. Domain code throws kinds; nothing else leaks. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      const status = STATUS_BY_KIND[error.kind]
      const retryAfter = error.details.retryAfterSeconds
      if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter))
      return reply
        .code(status)
        .type(PROBLEM_TYPE)
        .send(problem(status, error.code, error.message, request.id, error.fieldErrors))
    }
    if (error.validation) {
      const errors = validationErrors(error)
      const detail = errors.map((e) => `${e.path}: ${e.message}`).join('; ')
      return reply
        .code(400)
        .type(PROBLEM_TYPE)
        .send(problem(400, 'request.invalid', detail || error.message, request.id, errors))
    }
    if (isRetryableDbError(error)) {
      // Still contended after the bounded retries: tell the client to try again, never a 500.
      void reply.header('retry-after', '1')
      return reply
        .code(503)
        .type(PROBLEM_TYPE)
        .send(problem(503, 'request.contended', 'Too many changes to the same records at once; try again.', request.id))
    }
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) {
      const code =
        status === 413 ? 'request.too_large' : status === 415 ? 'request.unsupported_media_type' : 'request.bad_request'
      return reply
        .code(status)
        .type(PROBLEM_TYPE)
        .send(problem(status, code, error.message, request.id))
    }
    request.log.error({ err: error }, 'unhandled error')
    return reply
      .code(500)
      .type(PROBLEM_TYPE)
      .send(problem(500, 'internal', 'Something went wrong on our side. The request id helps us find it.', request.id))
  })
}

/** AJV errors as JSON pointers into the request: `/body/email`, `/querystring/limit`. */
function validationErrors(error: FastifyError): FieldError[] {
  const where = error.validationContext ?? 'body'
  return (error.validation ?? []).map((issue) => {
    const params = issue.params
    const extra =
      typeof params.missingProperty === 'string'
        ? `/${params.missingProperty}`
        : typeof params.additionalProperty === 'string'
          ? `/${params.additionalProperty}`
          : ''
    const message =
      typeof params.additionalProperty === 'string' ? 'is not an allowed field' : (issue.message ?? 'is not valid')
    return { path: `/${where}${issue.instancePath}${extra}`, message }
  })
}
